import { mkdirSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "./config.js";
import { DIGEST_CONNECTIONS } from "./digest/digest-service.js";
import { createArxivHttpClient } from "./ingest/arxiv/polite-http-client.js";
import { loadDemoIfEmpty } from "./ingest/demo.js";
import { ARXIV_TIMEZONE } from "./jobs/cron-schedule.js";
import { dailyIngestJob } from "./jobs/daily-ingest-job.js";
import { digestJob } from "./jobs/digest-job.js";
import { type EmbedJob, startEmbedJob } from "./jobs/embed-job.js";
import { type Scheduler, startScheduler } from "./jobs/scheduler.js";
import { configuredMailer, type Mailer } from "./mail/mailer.js";
import { smtpSettings } from "./mail/smtp-settings.js";
import { loadConfiguredEmbedder } from "./search/embedding/bundled.js";
import { HNSW_FROM, LiveVectorIndex } from "./search/live-index.js";
import { openConfiguredStores } from "./store/open-store.js";
import { buildApp } from "./web/app.js";

/*
 * Entry point of `npm start`: config → store (+ demo) → app → listen → daily ingest schedule (when
 * enabled), all closed cleanly on a signal.
 */

/** How often the server looks for papers without vectors (after an ingest, or an import by another process). */
const EMBED_INTERVAL_MS = 60_000;

const config = loadConfig();
mkdirSync(path.dirname(config.databasePath), { recursive: true });
const { papers: store, community, digest } = await openConfiguredStores(config);
// Without SMTP, sign-in links go to this server's log (the log is known only once the app exists).
const mailer = configuredMailer(smtpSettings(config), {
  info: (object, message) => app.log.info(object, message),
});
const embedder = loadConfiguredEmbedder(config);
const index = new LiveVectorIndex(store, {
  modelId: embedder.modelId,
  dimensions: embedder.dimensions,
  kind: config.vectorIndex,
  hnswFrom: HNSW_FROM,
  snapshotDirectory: config.dataDir,
});
const app = await buildApp({
  semantic: { embedder, index },
  store,
  logger: { level: config.logLevel },
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
    },
    submissionRules: { maxAgeDays: config.submissionMaxAgeDays, dailyQuota: config.submissionDailyQuota },
    arxiv: { client: createArxivHttpClient(config), apiUrl: config.arxivApiUrl },
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

let scheduler: Scheduler | null = null;
let digestScheduler: Scheduler | null = null;
let digestMailer: Mailer | null = null;
let embedJob: EmbedJob | null = null;
let closing = false;
async function shutDown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info(`${signal} received, closing`);
  try {
    // First: the ingest run in progress stops after its page and still writes to the open store.
    await scheduler?.stop();
    await digestScheduler?.stop();
    await digestMailer?.close();
    await embedJob?.stop();
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

if (!closing) {
  embedJob = startEmbedJob({ store, embedder, index, log: app.log, intervalMs: EMBED_INTERVAL_MS });
}

if (config.ingestEnabled && !closing) {
  if (config.contactEmail === "")
    app.log.warn("PAPERPULSE_CONTACT_EMAIL is not set; arXiv asks robots for a contact address");
  scheduler = startScheduler({
    name: "daily ingest",
    schedule: config.ingestSchedule,
    timezone: ARXIV_TIMEZONE,
    job: dailyIngestJob(store, config, app.log),
    log: app.log,
    // Several workers may have the schedule: the store gives each due run to one of them.
    claim: (dueAt) => store.claimScheduledRun("daily ingest", dueAt.toISOString()),
  });
  app.log.info(
    `daily ingest scheduled (${config.ingestSchedule}, ${ARXIV_TIMEZONE}); next run at ${scheduler.nextRun()?.toISOString()}`,
  );
}

if (config.digestEnabled && !closing) {
  const stores = { papers: store, community, digest };
  digestMailer = configuredMailer(smtpSettings(config), app.log, { connections: DIGEST_CONNECTIONS });
  const digests = await digestJob(config, stores, digestMailer, embedder, app.log);
  digestScheduler = startScheduler({
    name: "digests",
    schedule: config.digestSchedule,
    timezone: "UTC",
    job: digests.run,
    log: app.log,
    claim: (dueAt) => store.claimScheduledRun("digests", dueAt.toISOString()),
    whenClaimedElsewhere: digests.helpSend,
  });
  app.log.info(
    `digests scheduled (${config.digestSchedule}); next look at ${digestScheduler.nextRun()?.toISOString()}`,
  );
}
