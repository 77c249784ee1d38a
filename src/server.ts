import { mkdirSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "./config.js";
import { createInteractiveArxivHttpClient } from "./ingest/arxiv/polite-http-client.js";
import { loadDemoIfEmpty } from "./ingest/demo.js";
import { requestEmbedding } from "./jobs/embed-job.js";
import { startWorker, type Worker } from "./jobs/worker.js";
import { configuredMailer } from "./mail/mailer.js";
import { smtpSettings } from "./mail/smtp-settings.js";
import { loadConfiguredEmbedder, loadConfiguredTitleEmbedder } from "./search/embedding/bundled.js";
import { type IndexRefresh, startIndexRefresh } from "./search/index-refresh.js";
import { HNSW_FROM, LiveVectorIndex } from "./search/live-index.js";
import { openConfiguredStores } from "./store/open-store.js";
import { buildApp } from "./web/app.js";
import { buildHealthApp } from "./web/health-app.js";

/*
 * Entry point of `npm start`: config → store (+ demo) → app → listen → by PAPERPULSE_ROLE, the vector
 * index kept current (web) and the worker (queued and scheduled jobs), all closed cleanly on a signal.
 */

const config = loadConfig();
mkdirSync(path.dirname(config.databasePath), { recursive: true });
const stores = await openConfiguredStores(config);
const { papers: store, community, digest } = stores;
// Without SMTP, sign-in links go to this server's log (the log is known only once the app exists).
const mailer = configuredMailer(smtpSettings(config), {
  info: (object, message) => app.log.info(object, message),
});
const embedder = loadConfiguredEmbedder(config);
const titleEmbedder = loadConfiguredTitleEmbedder(config);
const index = new LiveVectorIndex(store, {
  modelId: embedder.modelId,
  dimensions: embedder.dimensions,
  kind: config.vectorIndex,
  hnswFrom: HNSW_FROM,
  snapshotDirectory: config.dataDir,
});
let worker: Worker | null = null;
/**
 * A submission stored a paper from arXiv: its embedding pass is queued now, not at the next periodic
 * look. This process's worker starts it at once; without one (PAPERPULSE_ROLE=web) a worker takes it
 * within a second and this node reads the vector at its next index refresh.
 */
function embedSubmittedPapers(): void {
  const queued = worker ? worker.requestEmbedding() : requestEmbedding(digest.queue, store, embedder.modelId);
  queued.catch((error: unknown) => app.log.error({ err: error }, "could not queue an embedding pass"));
}

const logger = { level: config.logLevel };
const app =
  config.role === "worker"
    ? await buildHealthApp({ store, logger })
    : await buildApp({
        semantic: { embedder, titleEmbedder, index },
        store,
        logger,
        logRequests: config.logRequests,
        pageCacheTtlMs: config.pageCacheSeconds * 1_000,
        publicUrl: config.publicUrl || null,
        trustProxy: config.trustProxy,
        community: {
          stores: community,
          mailer,
          publicUrl: config.publicUrl || `http://${config.host}:${config.port}`,
          sessionDays: config.sessionDays,
          limits: {
            signInPerHour: config.signInLimitPerHour,
            votesPerMinute: config.voteLimitPerMinute,
            submissionsPerHour: config.submissionLimitPerHour,
            arxivLookUpsPerHour: config.arxivLookUpLimitPerHour,
          },
          submissionRules: {
            maxAgeDays: config.submissionMaxAgeDays,
            dailyQuota: config.submissionDailyQuota,
          },
          arxiv: { client: createInteractiveArxivHttpClient(config), apiUrl: config.arxivApiUrl },
          papersStored: embedSubmittedPapers,
        },
        digest: {
          stores: digest,
          mailer,
          publicUrl: config.publicUrl || `http://${config.host}:${config.port}`,
          mailFrom: config.mailFrom,
        },
      });

if (config.loadDemo) {
  const loaded = await loadDemoIfEmpty(store);
  if (loaded > 0) app.log.info(`loaded ${loaded} demo papers into the empty database`);
}

let indexRefresh: IndexRefresh | null = null;
let startingWorker: Promise<Worker> | null = null;
let closing = false;
async function shutDown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info(`${signal} received, closing`);
  try {
    // First: the job in progress stops after its step and still writes to the open store (a worker
    // still starting is stopped once started).
    await (await startingWorker)?.stop();
    await indexRefresh?.stop();
    await app.close();
    await store.close();
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, "shutdown failed");
    process.exit(1);
  }
}
process.once("SIGINT", () => void shutDown("SIGINT"));
process.once("SIGTERM", () => void shutDown("SIGTERM"));

try {
  const address = await app.listen({ host: config.host, port: config.port });
  app.log.info(`PaperPulse is ready at ${address}`);
} catch (error) {
  app.log.error({ err: error }, "could not start the web server");
  await store.close();
  process.exit(1);
}

if (config.role !== "worker" && !closing) {
  indexRefresh = startIndexRefresh(index, config.embedIntervalSeconds * 1_000, app.log);
}

if (config.role !== "web" && !closing) {
  const refresh = indexRefresh;
  startingWorker = startWorker({
    config,
    stores,
    embedder,
    log: app.log,
    // One process serving search and embedding: new vectors are searchable as soon as a pass ends.
    afterEmbedding: refresh ? () => refresh.refreshNow() : undefined,
  });
  worker = await startingWorker;
  app.log.info(`worker started (${config.role === "all" ? "web and worker in one process" : "worker only"})`);
}
