/**
 * `npm run bench [-- PART…]`: runs the import, search, http and embed benchmarks (all by default, in
 * that order, since search and http read the database the import builds) and rewrites docs/BENCHMARKS.md.
 * `npm run bench -- report` only rewrites the report from the saved results.
 */
import { runDigestBenchmark } from "./digest.js";
import { runEmbedBenchmark } from "./embed.js";
import { runHttpBenchmark } from "./http.js";
import { runImportBenchmark } from "./import.js";
import { runOaiPmhBenchmark } from "./oai-pmh.js";
import { REPORT_FILE } from "./paths.js";
import { runPostgresSearchBenchmark } from "./postgres-search.js";
import { writeReport } from "./report.js";
import { loadAllResults, type PartName, savePart } from "./results.js";
import { runRetrievalBenchmark } from "./retrieval.js";
import { runSearchBenchmark } from "./search.js";
import { buildMillionCorpus } from "./synthetic-corpus.js";

const PARTS: PartName[] = ["import", "search", "http", "retrieval", "embed", "oai-pmh", "digest"];
/** Parts that need something the machine may not have (a PostgreSQL database): run when named only. */
const ON_REQUEST: PartName[] = ["postgres-search"];
/** Builds the 1M corpus the retrieval part also measures; run on request only (it takes a while). */
const MILLION = "corpus-1m";

function requestedParts(args: string[]): PartName[] {
  if (args.length === 0) return PARTS;
  if (args.length === 1 && args[0] === "report") return [];
  const known = [...PARTS, ...ON_REQUEST];
  const unknown = args.filter((arg) => arg !== MILLION && !known.includes(arg as PartName));
  if (unknown.length > 0) {
    throw new Error(
      `unknown part ${unknown.join(", ")}; usage: npm run bench [-- ${known.join(" | ")} | ${MILLION} … | report]`,
    );
  }
  return known.filter((part) => args.includes(part));
}

async function runPart(part: PartName): Promise<void> {
  console.log(`${part}:`);
  if (part === "import") savePart("import", await runImportBenchmark());
  if (part === "search") savePart("search", await runSearchBenchmark());
  if (part === "http") savePart("http", await runHttpBenchmark());
  if (part === "retrieval") savePart("retrieval", await runRetrievalBenchmark());
  if (part === "oai-pmh") savePart("oai-pmh", await runOaiPmhBenchmark());
  if (part === "embed") savePart("embed", runEmbedBenchmark());
  if (part === "postgres-search") savePart("postgres-search", await runPostgresSearchBenchmark());
  if (part === "digest") savePart("digest", await runDigestBenchmark());
}

try {
  const args = process.argv.slice(2);
  if (args.includes(MILLION)) {
    console.log(`${MILLION}:`);
    console.log(`  ${await buildMillionCorpus((line) => console.log(line))} synthetic papers added`);
  }
  for (const part of requestedParts(args)) await runPart(part);
  writeReport(loadAllResults());
  console.log(`wrote ${REPORT_FILE}`);
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
