import { Command } from "commander";
import { recordRun, refreshOptions, refreshSource } from "../../ingest/arxiv/daily-ingest.js";
import { refreshStalePapers } from "../../ingest/arxiv/refresh.js";
import type { IngestRun } from "../../store/store.js";
import { startArxivCommand } from "../arxiv-command.js";
import { EXIT } from "../exit-codes.js";
import { formatCount, formatSeconds } from "../format-numbers.js";
import { withStore } from "../open-store.js";
import { wholeNumberOption } from "../whole-number-option.js";

interface RefreshCommandOptions {
  limit?: number;
  dryRun?: boolean;
  quiet?: boolean;
}

const HELP_AFTER = `
Re-reads stale papers from the arXiv API (PAPERPULSE_ARXIV_API_URL), 100 ids per request, one request
every PAPERPULSE_ARXIV_INTERVAL_MS, and merges them as any source does (nothing is downgraded). The
daily ingest runs the same refresh after the announcements.

A paper is stale when it was not read from arXiv itself (an OAI-PMH harvest or an API look-up) in the
last PAPERPULSE_REFRESH_AFTER_DAYS days, and either it is on one of the last
PAPERPULSE_REFRESH_WINDOW_DAYS days, or an announcement reported a newer version of it. Replaced papers
go first, then the most recent days; at most --limit (default PAPERPULSE_REFRESH_LIMIT) per run.
Each run is recorded for the ingestion health page (/admin/ingest); a dry run is not.

Exit codes:
  0    every stale paper was refreshed (or, with --dry-run, listed)
  1    failure: arXiv unreachable after retries, an API error, a database error
  2    finished, but arXiv did not return some papers or returned unreadable entries
  130  interrupted by Ctrl-C after storing the batch in progress`;

function count(run: IngestRun, name: string): number {
  const value = run.summary[name];
  return typeof value === "number" ? value : 0;
}

function summaryLine(run: IngestRun, elapsedMs: number): string {
  const numbers = ["due", "found", "updated", "unchanged", "inserted", "missing", "rejected"]
    .map((name) => `${formatCount(count(run, name))} ${name}`)
    .join(", ");
  return `refresh: ${run.status} (${numbers}) in ${formatSeconds(elapsedMs)}${run.error ? `: ${run.error}` : ""}`;
}

async function runRefresh(options: RefreshCommandOptions): Promise<number> {
  const { config, client, log, signal, close } = startArxivCommand("batch", options.quiet ?? false);
  const refresh = { ...refreshOptions(config), limit: options.limit ?? config.refreshLimit };
  const started = performance.now();
  try {
    return await withStore(async (store) => {
      if (options.dryRun) {
        const { dueIds } = await refreshStalePapers(store, client, refresh, { dryRun: true });
        process.stdout.write(`${dueIds.join("\n")}${dueIds.length > 0 ? "\n" : ""}`);
        process.stderr.write(
          `refresh: ${formatCount(dueIds.length)} papers due (dry run: nothing fetched)\n`,
        );
        return EXIT.ok;
      }
      const run = await recordRun(
        refreshSource(refresh, {
          store,
          client,
          now: () => new Date(),
          signal,
          onEvent: (event) => {
            if (event.kind === "refresh-batch") {
              log(`batch ${event.batch}/${event.batches}: ${event.found} of ${event.requested} found`);
            }
          },
        }),
        { store, now: () => new Date() },
      );
      // A failure (arXiv unreachable after retries, an API error) is the run's outcome, recorded with it.
      process.stdout.write(`${summaryLine(run, performance.now() - started)}\n`);
      if (run.status === "interrupted") return EXIT.interrupted;
      if (run.status === "failed") return EXIT.failure;
      return count(run, "missing") + count(run, "rejected") > 0 ? EXIT.finishedWithRejects : EXIT.ok;
    });
  } finally {
    close();
  }
}

export function refreshCommand(): Command {
  return new Command("refresh")
    .description("Re-read stale papers from the arXiv API (see the staleness rule below)")
    .option(
      "-n, --limit <count>",
      "at most this many papers (default PAPERPULSE_REFRESH_LIMIT)",
      wholeNumberOption(1),
    )
    .option("--dry-run", "list the ids of the papers due, fetch nothing")
    .option("-q, --quiet", "no progress lines")
    .addHelpText("after", HELP_AFTER)
    .action(async (options: RefreshCommandOptions) => {
      process.exitCode = await runRefresh(options);
    });
}
