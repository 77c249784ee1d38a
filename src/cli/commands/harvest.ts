import { Command, InvalidArgumentError, Option } from "commander";
import { isValidDay } from "../../core/calendar.js";
import {
  HarvestError,
  type HarvestPageEvent,
  type HarvestReject,
  type HarvestSummary,
  harvest,
} from "../../ingest/arxiv/harvest.js";
import { HarvestPlanError } from "../../ingest/arxiv/harvest-mark.js";
import { METADATA_PREFIXES, type OaiMetadataPrefix } from "../../ingest/arxiv/oai-pmh-records.js";
import { checkSet, type SetCheck } from "../../ingest/arxiv/oai-pmh-sets.js";
import { startArxivCommand } from "../arxiv-command.js";
import { EXIT } from "../exit-codes.js";
import { formatCount, formatSeconds } from "../format-numbers.js";
import { withStore } from "../open-store.js";

interface HarvestCommandOptions {
  from?: string;
  until?: string;
  set?: string;
  format: OaiMetadataPrefix;
  quiet?: boolean;
}

const HELP_AFTER = `
Harvests arXiv's OAI-PMH interface (PAPERPULSE_ARXIV_OAI_URL), one page at a time, politely: one
request at a time, PAPERPULSE_ARXIV_INTERVAL_MS apart, with PAPERPULSE_CONTACT_EMAIL in the User-Agent.

Each page is stored together with the harvest's mark (one per format and set), so a harvest stopped
at any point (Ctrl-C, kill, a failure) loses nothing when run again:
  - with no --from/--until, a run first finishes the list the previous run left unfinished;
  - otherwise it starts where the last complete run ended (that day included: OAI-PMH datestamps
    are days, and reading a day twice changes nothing);
  - --from/--until harvest that range instead (e.g. a backfill).
--format arXivRaw also brings every version's date, and updates papers revised since.
--set is first looked up in the repository's set list (ListSets): an unknown set fails at once,
naming the closest sets; a repository that lists no sets is harvested without the check.

Exit codes:
  0    the list was harvested
  1    failure: a bad option, an unknown set, the repository refused or kept failing, a database
       error (the mark stays at the last stored page; run again to continue)
  2    harvested, but some records were rejected (listed as identifier: reason)
  130  interrupted by Ctrl-C after storing the page in progress; run again to continue`;

function day(raw: string): string {
  if (!isValidDay(raw)) throw new InvalidArgumentError("expected a day as YYYY-MM-DD");
  return raw;
}

/** arXiv set specs: "cs", "math", "physics:hep-th". */
function setSpec(raw: string): string {
  if (!/^[A-Za-z-]+(?::[A-Za-z.-]+)*$/.test(raw))
    throw new InvalidArgumentError("expected an OAI-PMH set such as cs or physics:hep-th");
  return raw;
}

export function pageProgressLine(event: HarvestPageEvent): string {
  const counts = `${formatCount(event.records)} records (${formatCount(event.inserted)} new, ${formatCount(event.updated)} updated, ${formatCount(event.unchanged)} unchanged, ${formatCount(event.deleted)} deleted, ${formatCount(event.rejected)} rejected)`;
  const { cursor, completeListSize } = event.resumption ?? {};
  const position =
    cursor != null && completeListSize != null
      ? ` · ${formatCount(cursor + event.records)} of ${formatCount(completeListSize)}`
      : "";
  return `page ${event.page}: ${counts}${position}`;
}

function markLine(summary: HarvestSummary): string {
  const { next, pending } = summary.mark;
  if (pending)
    return `unfinished list ${pending.from ?? "(beginning)"}..${pending.until}: run again to continue it`;
  return next === null ? "nothing harvested yet" : `next run starts from ${next}`;
}

export function formatHarvestSummary(summary: HarvestSummary, elapsedMs: number): string {
  const range = `${summary.from ?? "(beginning)"}..${summary.until}${summary.resumed ? ", continued" : ""}`;
  const counts = [
    `${formatCount(summary.records)} records`,
    `${formatCount(summary.inserted)} inserted`,
    `${formatCount(summary.updated)} updated`,
    `${formatCount(summary.unchanged)} unchanged`,
    `${formatCount(summary.deleted)} deleted`,
    `${formatCount(summary.rejected)} rejected`,
  ].join(", ");
  return `harvest ${range}: ${formatCount(summary.pages)} page${summary.pages === 1 ? "" : "s"}, ${counts} in ${formatSeconds(elapsedMs)}\n${markLine(summary)}`;
}

/** Lists every set when there are few enough to read; arXiv has about twenty. */
const MAX_SETS_LISTED = 40;

export function unknownSetMessage(set: string, check: Extract<SetCheck, { status: "unknown" }>): string {
  const quoted = (spec: string) => JSON.stringify(spec);
  const unknown = `the repository has no set ${quoted(set)}`;
  if (check.closeMatches.length > 0)
    return `${unknown}; did you mean ${check.closeMatches.map(quoted).join(" or ")}?`;
  if (check.sets.length <= MAX_SETS_LISTED) return `${unknown}; its sets: ${check.sets.join(", ")}`;
  return `${unknown} among its ${formatCount(check.sets.length)} sets`;
}

async function runHarvest(options: HarvestCommandOptions): Promise<number> {
  const { config, client, log, signal, close } = startArxivCommand("page", options.quiet ?? false);
  const started = performance.now();
  try {
    if (options.set !== undefined) {
      const check = await checkSet(client, config.arxivOaiUrl, options.set, signal);
      if (check.status === "unknown") {
        process.stderr.write(`paperpulse harvest: ${unknownSetMessage(options.set, check)}\n`);
        return EXIT.failure;
      }
      if (check.status === "unchecked" && !signal.aborted)
        log(`the repository lists no sets (${check.reason}); harvesting set ${options.set} unchecked`);
    }
    const summary = await withStore((store) =>
      harvest(store, client, {
        baseUrl: config.arxivOaiUrl,
        metadataPrefix: options.format,
        ...(options.set === undefined ? {} : { set: options.set }),
        ...(options.from === undefined ? {} : { from: options.from }),
        ...(options.until === undefined ? {} : { until: options.until }),
        signal: signal,
        onPage: (event) => log(pageProgressLine(event)),
        onReject: (reject: HarvestReject) =>
          process.stderr.write(`${reject.identifier} (page ${reject.page}): ${reject.reason}\n`),
        onRestart: (reason) =>
          log(`the repository refused the resumption token (${reason}); restarting the list`),
      }),
    );
    process.stdout.write(`${formatHarvestSummary(summary, performance.now() - started)}\n`);
    if (summary.interrupted) return EXIT.interrupted;
    return summary.rejected > 0 ? EXIT.finishedWithRejects : EXIT.ok;
  } catch (error) {
    if (error instanceof HarvestError) {
      process.stdout.write(`${formatHarvestSummary(error.summary, performance.now() - started)}\n`);
      process.stderr.write(`paperpulse harvest: ${error.message}\n`);
      return EXIT.failure;
    }
    if (error instanceof HarvestPlanError) {
      process.stderr.write(`paperpulse harvest: ${error.message}\n`);
      return EXIT.failure;
    }
    throw error;
  } finally {
    close();
  }
}

export function harvestCommand(): Command {
  return new Command("harvest")
    .description("Harvest papers from arXiv's OAI-PMH interface, continuing where the last run stopped")
    .option("--from <day>", "first datestamp, inclusive (default: where the last run ended)", day)
    .option("--until <day>", "last datestamp, inclusive (default: today, UTC)", day)
    .option("--set <set>", "OAI-PMH set, e.g. cs, math, physics:hep-th (default: all of arXiv)", setSpec)
    .addOption(new Option("--format <prefix>", "metadata format").choices(METADATA_PREFIXES).default("arXiv"))
    .option("-q, --quiet", "no progress lines")
    .addHelpText("after", HELP_AFTER)
    .action(async (options: HarvestCommandOptions) => {
      process.exitCode = await runHarvest(options);
    });
}
