import { Command } from "commander";
import {
  type DailyIngestEvent,
  dailyIngestOptions,
  runDailyIngest,
} from "../../ingest/arxiv/daily-ingest.js";
import type { IngestRun } from "../../store/store.js";
import { startArxivCommand } from "../arxiv-command.js";
import { EXIT } from "../exit-codes.js";
import { formatCount, formatSeconds } from "../format-numbers.js";
import { withStore } from "../open-store.js";
import { categoryProgressLine } from "./announcements.js";
import { pageProgressLine } from "./harvest.js";

interface IngestCommandOptions {
  quiet?: boolean;
}

const HELP_AFTER = `
Runs the daily ingest once, as the server's schedule does (PAPERPULSE_INGEST_SCHEDULE):
  1. an OAI-PMH harvest (PAPERPULSE_ARXIV_OAI_URL) of each set covering PAPERPULSE_CATEGORIES
     (cs.LG → cs, stat.ML → stat, hep-th → physics:hep-th), continuing where the last harvest of that
     set stopped; a set never harvested starts a week back (older papers: paperpulse harvest --from);
  2. the day's announcement feeds of PAPERPULSE_CATEGORIES (PAPERPULSE_ARXIV_FEED_URL), which put
     the papers on their announcement day;
  3. a refresh of stale papers through the arXiv API (PAPERPULSE_ARXIV_API_URL; see paperpulse
     refresh --help for the rule).
Politely: one request at a time, PAPERPULSE_ARXIV_INTERVAL_MS apart, PAPERPULSE_CONTACT_EMAIL in the
User-Agent. Each source's run is recorded for the ingestion health page; a failing source does not
stop the others.

Exit codes:
  0    every source ran
  1    a source failed (the others still ran; see its error), or a database error
  2    every source ran, but some records or entries were rejected
  130  interrupted by Ctrl-C after storing the page or category in progress`;

/** Words for the summary keys that are not words already, as `paperpulse announcements` says them. */
const COUNT_LABELS: Record<string, string> = {
  replace: "replaced",
  notStored: "skipped (replaced, not stored here)",
};

/** The numbers of a run's summary, e.g. "3 pages, 9 records, 7 inserted". */
function countsText(run: IngestRun): string {
  return Object.entries(run.summary)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number")
    .map(([name, value]) => `${formatCount(value)} ${COUNT_LABELS[name] ?? name}`)
    .join(", ");
}

function runLine(run: IngestRun): string {
  const counts = countsText(run);
  return `${run.source}: ${run.status}${counts ? ` (${counts})` : ""}${run.error ? `: ${run.error}` : ""}`;
}

function reportEvent(event: DailyIngestEvent, log: (message: string) => void): void {
  switch (event.kind) {
    case "source-started":
      log(`${event.run.source}: started`);
      return;
    case "source-finished":
      if (event.run.status === "failed") process.stderr.write(`paperpulse ingest: ${runLine(event.run)}\n`);
      return;
    case "harvest-page":
      log(`${event.source} ${pageProgressLine(event.page)}`);
      return;
    case "harvest-reject":
      process.stderr.write(
        `${event.reject.identifier} (page ${event.reject.page}): ${event.reject.reason}\n`,
      );
      return;
    case "harvest-restart":
      log(`${event.source}: the repository refused the resumption token (${event.reason}); restarting`);
      return;
    case "refresh-batch":
      log(
        `${event.source} batch ${event.batch}/${event.batches}: ${event.found} of ${event.requested} found`,
      );
      return;
    case "announcements-category":
      log(categoryProgressLine(event.outcome));
      for (const reject of event.outcome.rejects) {
        process.stderr.write(
          `${event.outcome.category} entry ${reject.position} (${reject.entryId ?? "no id"}): ${reject.reason}\n`,
        );
      }
  }
}

function exitCode(runs: IngestRun[], interrupted: boolean): number {
  if (interrupted || runs.some((run) => run.status === "interrupted")) return EXIT.interrupted;
  if (runs.some((run) => run.status === "failed")) return EXIT.failure;
  const rejected = runs.some((run) => typeof run.summary.rejected === "number" && run.summary.rejected > 0);
  return rejected ? EXIT.finishedWithRejects : EXIT.ok;
}

async function runIngest(options: IngestCommandOptions): Promise<number> {
  const { config, client, log, signal, close } = startArxivCommand(
    "page or category",
    options.quiet ?? false,
  );
  const started = performance.now();
  try {
    const runs = await withStore((store) =>
      runDailyIngest(store, client, dailyIngestOptions(config), {
        signal: signal,
        onEvent: (event) => reportEvent(event, log),
      }),
    );
    const lines = runs.map(runLine);
    const failed = runs.filter((run) => run.status === "failed").length;
    lines.push(
      `ingest: ${runs.length} source${runs.length === 1 ? "" : "s"} run, ${failed} failed, in ${formatSeconds(performance.now() - started)}`,
    );
    process.stdout.write(`${lines.join("\n")}\n`);
    return exitCode(runs, signal.aborted);
  } finally {
    close();
  }
}

export function ingestCommand(): Command {
  return new Command("ingest")
    .description(
      "Run the daily arXiv ingest once: OAI-PMH harvest of the configured sets, announcements, refresh",
    )
    .option("-q, --quiet", "no progress lines")
    .addHelpText("after", HELP_AFTER)
    .action(async (options: IngestCommandOptions) => {
      process.exitCode = await runIngest(options);
    });
}
