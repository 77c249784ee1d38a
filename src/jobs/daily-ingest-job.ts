import type { Config } from "../config.js";
import { dailyIngestOptions, type RefreshConfig, runDailyIngest } from "../ingest/arxiv/daily-ingest.js";
import { createArxivHttpClient } from "../ingest/arxiv/polite-http-client.js";
import type { PaperStore } from "../store/store.js";
import type { JobHandler } from "./job-runner.js";
import type { JobQueue } from "./queue.js";
import type { ScheduledJob, SchedulerLog } from "./scheduler.js";

/** The queue of daily ingest runs: one job per due time of the schedule. */
export const DAILY_INGEST_QUEUE = "daily-ingest";

/** A harvest with its refresh takes minutes; a worker that died holding one yields it after this. */
const INGEST_LEASE_SECONDS = 3 * 3_600;

export type DailyIngestConfig = Pick<
  Config,
  "arxivOaiUrl" | "arxivFeedUrl" | "categories" | "contactEmail" | "arxivIntervalMs"
> &
  RefreshConfig;

/**
 * What the schedule does when the daily ingest falls due: queue the run, keyed by its due time. Every
 * worker with the schedule does so; the key keeps one job per due time, so the run is queued once
 * cluster-wide and taken by one worker.
 */
export function queueDailyIngest(queue: JobQueue, log: SchedulerLog, queued: () => void): ScheduledJob {
  return async (_signal, dueAt) => {
    const due = dueAt.toISOString();
    const id = await queue.send(
      DAILY_INGEST_QUEUE,
      { dueAt: due },
      { singletonKey: due, retryLimit: 2, retryDelay: 600, retryBackoff: true },
    );
    if (id === null) log.info(`daily ingest: the run due at ${due} is already queued by another worker`);
    else {
      log.info(`daily ingest: queued the run due at ${due}`);
      queued();
    }
  };
}

/**
 * The daily ingest as a queued job: the same runDailyIngest as `paperpulse ingest`, with one polite
 * client kept across runs (so the interval holds between them) and a log line per source; `ingested`
 * follows each run (the worker queues the embedding of what came in). A run in which a source failed
 * or was interrupted fails the job, so the queue runs it again after its retry delay.
 */
export function dailyIngestJob(
  store: PaperStore,
  config: DailyIngestConfig,
  log: SchedulerLog,
  ingested: () => Promise<unknown> = async () => {},
): JobHandler {
  const client = createArxivHttpClient(config, {
    onRetry: (retry) => log.warn(`daily ingest: retrying in ${retry.delayMs} ms: ${retry.reason}`),
  });
  const options = dailyIngestOptions(config);
  return {
    queue: DAILY_INGEST_QUEUE,
    leaseSeconds: INGEST_LEASE_SECONDS,
    async run(data, signal) {
      const due = (data as { dueAt?: unknown }).dueAt;
      log.info(`daily ingest: running the run due at ${typeof due === "string" ? due : "now"}`);
      const runs = await runDailyIngest(store, client, options, { signal });
      for (const run of runs) {
        const line = `daily ingest: ${run.source} ${run.status}${run.error ? `: ${run.error}` : ""}`;
        if (run.status === "failed") log.warn(line);
        else log.info(line);
      }
      if (signal.aborted) return;
      await ingested();
      // The queue retries the whole run; every source resumes or repeats harmlessly (ADR 0020).
      const unfinished = runs.filter((run) => run.status === "failed" || run.status === "interrupted");
      if (unfinished.length > 0)
        throw new Error(
          `unfinished sources: ${unfinished.map((run) => `${run.source} ${run.status}`).join(", ")}`,
        );
    },
  };
}
