import { Command } from "commander";
import { loadConfig } from "../../config.js";
import { parseArxivId } from "../../core/arxiv-id.js";
import { ArxivApiError, AtomFormatError } from "../../ingest/arxiv/atom-parser.js";
import { UnexpectedStatusError } from "../../ingest/arxiv/http.js";
import { type LookupResult, lookupPapers } from "../../ingest/arxiv/lookup.js";
import { createArxivHttpClient, HttpRetriesExhaustedError } from "../../ingest/arxiv/polite-http-client.js";
import { EXIT } from "../exit-codes.js";
import { formatCount, formatSeconds } from "../format-numbers.js";
import { withStore } from "../open-store.js";

interface LookupCommandOptions {
  quiet?: boolean;
}

const HELP_AFTER = `
Ids may be new-style (2509.09672, 2509.09672v2), old-style (hep-th/9901001) or arxiv.org
abs/pdf URLs. Papers are fetched from the arXiv API (PAPERPULSE_ARXIV_API_URL), 100 per request,
one request every PAPERPULSE_ARXIV_INTERVAL_MS, and stored or refreshed (never downgraded).

Exit codes:
  0    every id was found and stored
  1    failure: arXiv unreachable after retries, an API error, a database error
  2    finished, but some ids were missing on arXiv or invalid (listed)`;

/** Failures of the look-up itself (as opposed to bugs): reported in one line, exit code 1. */
const LOOKUP_FAILURES = [HttpRetriesExhaustedError, ArxivApiError, UnexpectedStatusError, AtomFormatError];

async function runLookup(ids: string[], options: LookupCommandOptions): Promise<number> {
  const config = loadConfig();
  const note = (message: string) => {
    if (!options.quiet) process.stderr.write(`${message}\n`);
  };
  // Said before any request, so a typo is not lost behind a long or failed fetch of the others.
  const invalid = ids.filter((id) => parseArxivId(id) === null);
  if (invalid.length > 0) process.stderr.write(`${notArxivIds(invalid)}\n`);
  if (invalid.length === ids.length) return EXIT.finishedWithRejects;
  if (config.contactEmail === "") {
    note("warning: PAPERPULSE_CONTACT_EMAIL is not set; arXiv asks robots for a contact address");
  }
  const client = createArxivHttpClient(config, {
    onRetry: (event) => note(`arXiv: ${event.reason}; retrying in ${formatSeconds(event.delayMs)}`),
  });
  const started = performance.now();
  try {
    const result = await withStore((store) =>
      lookupPapers(store, client, ids, {
        apiUrl: config.arxivApiUrl,
        onBatch: (p) =>
          note(`batch ${p.batch}/${p.batches}: ${formatCount(p.found)} of ${formatCount(p.requested)} found`),
      }),
    );
    process.stdout.write(`${formatLookupSummary(result, performance.now() - started)}\n`);
    const incomplete = result.missing.length + result.invalid.length + result.rejected.length > 0;
    return incomplete ? EXIT.finishedWithRejects : EXIT.ok;
  } catch (error) {
    if (!LOOKUP_FAILURES.some((type) => error instanceof type)) throw error;
    process.stderr.write(`paperpulse lookup: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
}

function notArxivIds(invalid: string[]): string {
  return `not arXiv ids: ${invalid.map((id) => JSON.stringify(id)).join(" ")}`;
}

function formatLookupSummary(result: LookupResult, elapsedMs: number): string {
  const requested = result.found.length + result.missing.length;
  const lines = [
    `found ${formatCount(result.found.length)} of ${formatCount(requested)} papers: ` +
      `${formatCount(result.inserted)} new, ${formatCount(result.updated)} updated, ` +
      `${formatCount(result.unchanged)} unchanged, in ${formatSeconds(elapsedMs)}`,
  ];
  if (result.missing.length > 0) lines.push(`not on arXiv: ${result.missing.join(" ")}`);
  if (result.invalid.length > 0) lines.push(notArxivIds(result.invalid));
  for (const entry of result.rejected) {
    lines.push(`unreadable entry ${entry.position} (${entry.entryId ?? "no id"}): ${entry.reason}`);
  }
  return lines.join("\n");
}

export function lookupCommand(): Command {
  return new Command("lookup")
    .description("Fetch papers by arXiv id from the arXiv API and store or refresh them")
    .argument("<ids...>", "arXiv ids or arxiv.org URLs")
    .option("-q, --quiet", "no progress lines")
    .addHelpText("after", HELP_AFTER)
    .action(async (ids: string[], options: LookupCommandOptions) => {
      process.exitCode = await runLookup(ids, options);
    });
}
