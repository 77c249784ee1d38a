import type { Config } from "../config.js";
import { dailyIngestOptions, type RefreshConfig, runDailyIngest } from "../ingest/arxiv/daily-ingest.js";
import { createArxivHttpClient } from "../ingest/arxiv/polite-http-client.js";
import type { PaperStore } from "../store/store.js";
import type { ScheduledJob, SchedulerLog } from "./scheduler.js";

/**
 * The daily ingest as the server's scheduled job: the same runDailyIngest as `paperpulse ingest`, with
 * one polite client kept across runs (so the interval holds between them) and a log line per source.
 */
export function dailyIngestJob(
  store: PaperStore,
  config: Pick<Config, "arxivOaiUrl" | "arxivFeedUrl" | "categories" | "contactEmail" | "arxivIntervalMs"> &
    RefreshConfig,
  log: SchedulerLog,
): ScheduledJob {
  const client = createArxivHttpClient(config, {
    onRetry: (retry) => log.warn(`daily ingest: retrying in ${retry.delayMs} ms: ${retry.reason}`),
  });
  const options = dailyIngestOptions(config);
  return async (signal) => {
    const runs = await runDailyIngest(store, client, options, { signal });
    for (const run of runs) {
      const line = `daily ingest: ${run.source} ${run.status}${run.error ? `: ${run.error}` : ""}`;
      if (run.status === "failed") log.warn(line);
      else log.info(line);
    }
  };
}
