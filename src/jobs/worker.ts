import type { Config } from "../config.js";
import { DIGEST_CONNECTIONS } from "../digest/digest-service.js";
import { configuredMailer, type LogSink, type Mailer } from "../mail/mailer.js";
import { smtpSettings } from "../mail/smtp-settings.js";
import type { Embedder } from "../search/embedder.js";
import type { Stores } from "../store/community-stores.js";
import { ARXIV_TIMEZONE } from "./cron-schedule.js";
import { dailyIngestJob, queueDailyIngest } from "./daily-ingest-job.js";
import { digestJob } from "./digest-job.js";
import { embedJob, requestEmbedding } from "./embed-job.js";
import { type JobHandler, startJobRunner } from "./job-runner.js";
import { type Scheduler, type SchedulerLog, startScheduler } from "./scheduler.js";

/** How often an idle worker looks at each of its queues. */
const JOB_POLL_MS = 1_000;

export interface WorkerOptions {
  config: Config;
  stores: Stores;
  embedder: Embedder;
  log: SchedulerLog & LogSink;
  /** After each embedding pass: a process that also serves search catches its index up at once. */
  afterEmbedding?: () => Promise<unknown>;
}

export interface Worker {
  /** Queues an embedding pass if some paper lacks a vector, and starts it at once. */
  requestEmbedding(): Promise<void>;
  /** Stops the schedules, the queued jobs in progress (after their current step) and the mailer. */
  stop(): Promise<void>;
}

/**
 * The worker role: takes embedding and daily ingest jobs from the queue, queues an embedding pass
 * whenever papers lack vectors (looked at every PAPERPULSE_EMBED_INTERVAL_SECONDS, and after each
 * ingest), and runs the daily ingest and digest schedules when they are enabled. Any number of
 * workers may run on one database: each job goes to one of them (ADR 0020).
 */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { config, stores, embedder, log } = options;
  const { papers: store, digest } = stores;
  const queue = digest.queue;
  // Everything awaited comes before anything starts: until this resolves, the caller cannot stop it.
  const digestMailer: Mailer | null = config.digestEnabled
    ? configuredMailer(smtpSettings(config), log, { connections: DIGEST_CONNECTIONS })
    : null;
  const digests = digestMailer ? await digestJob(config, stores, digestMailer, embedder, log) : null;
  const requestEmbeddingNow = async () => {
    if (await requestEmbedding(queue, store, embedder.modelId)) runner.wake();
  };
  const handlers: JobHandler[] = [
    embedJob({ store, embedder, queue, log, afterPass: options.afterEmbedding }),
  ];
  if (config.ingestEnabled) handlers.push(dailyIngestJob(store, config, log, requestEmbeddingNow));
  const runner = startJobRunner({ queue, handlers, pollMs: JOB_POLL_MS, log });

  let embedTimer: NodeJS.Timeout | null = null;
  let stopped = false;
  const lookForUnembedded = () => {
    void requestEmbeddingNow()
      .catch((error: unknown) => log.error({ err: error }, "could not queue an embedding pass"))
      .finally(() => {
        if (stopped) return;
        embedTimer = setTimeout(lookForUnembedded, config.embedIntervalSeconds * 1_000);
        embedTimer.unref();
      });
  };
  lookForUnembedded();

  const schedulers: Scheduler[] = [];
  if (config.ingestEnabled) {
    if (config.contactEmail === "")
      log.warn("PAPERPULSE_CONTACT_EMAIL is not set; arXiv asks robots for a contact address");
    const scheduler = startScheduler({
      name: "daily ingest schedule",
      schedule: config.ingestSchedule,
      timezone: ARXIV_TIMEZONE,
      job: queueDailyIngest(queue, log, () => runner.wake()),
      log,
    });
    schedulers.push(scheduler);
    log.info(
      `daily ingest scheduled (${config.ingestSchedule}, ${ARXIV_TIMEZONE}); next run at ${scheduler.nextRun()?.toISOString()}`,
    );
  }

  if (digests) {
    const scheduler = startScheduler({
      name: "digests",
      schedule: config.digestSchedule,
      timezone: "UTC",
      job: digests.run,
      log,
      claim: (dueAt) => store.claimScheduledRun("digests", dueAt.toISOString()),
      whenClaimedElsewhere: digests.helpSend,
    });
    schedulers.push(scheduler);
    log.info(
      `digests scheduled (${config.digestSchedule}); next look at ${scheduler.nextRun()?.toISOString()}`,
    );
  }

  return {
    requestEmbedding: requestEmbeddingNow,
    async stop() {
      stopped = true;
      if (embedTimer) clearTimeout(embedTimer);
      // First: a run in progress stops after its step and still writes to the open store.
      for (const scheduler of schedulers) await scheduler.stop();
      await runner.stop();
      await digestMailer?.close();
    },
  };
}
