/**
 * `npm run eval`: search quality of lexical, semantic and hybrid search on SciFact (test), CSFCube and
 * the arXiv known-item set; prints one table and rewrites docs/SEARCH_QUALITY.md.
 * `npm run eval -- --tune` prints the fusion grid on the tuning data instead (SciFact train and the
 * known-item development set: the next 500 papers in the evaluation's order).
 * `npm run eval -- --dump-candidates FILE` writes those sets' lexical candidates for training/sweep.py.
 * `PAPERPULSE_EVAL_DATABASE_URL=postgres://… npm run eval -- --postgres` scores SciFact and CSFCube on
 * both store tiers and rewrites docs/SEARCH_QUALITY_POSTGRES.md.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describeMachine } from "../../bench/machine.js";
import { loadBundledEmbedder, loadBundledTitleEmbedder } from "../../src/search/embedding/bundled.js";
import { DEFAULT_FUSION } from "../../src/search/fusion.js";
import { SEARCH_MODES, type SearchMode, SearchService } from "../../src/search/search-service.js";
import { type ModeScores, scoreMode } from "./benchmark.js";
import { dumpTuningCandidates } from "./candidates-dump.js";
import { type LoadedBenchmark, loadCsfCube, loadKnownItems, loadSciFact } from "./datasets.js";
import { postgresSchemas, tierBars, tierReport } from "./postgres-tier.js";
import { type BenchmarkScores, checkBars, qualityReport, scoreTable } from "./report.js";
import { type EvaluationModels, runTuning } from "./tune.js";

const REPORT = path.resolve(import.meta.dirname, "..", "..", "docs", "SEARCH_QUALITY.md");
const POSTGRES_REPORT = path.resolve(import.meta.dirname, "..", "..", "docs", "SEARCH_QUALITY_POSTGRES.md");

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function score(
  name: string,
  metric: BenchmarkScores["metric"],
  load: () => Promise<LoadedBenchmark>,
  models: EvaluationModels,
): Promise<BenchmarkScores> {
  const started = performance.now();
  const { store, index, queries } = await load();
  try {
    const service = new SearchService(store, { ...models, index }, DEFAULT_FUSION);
    const scores = {} as Record<SearchMode, ModeScores>;
    for (const mode of SEARCH_MODES) scores[mode] = await scoreMode(service, queries, mode);
    log(`${name}: ${queries.length} queries in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return { name, metric, queries: queries.length, corpus: await store.countPapers(), scores };
  } finally {
    await store.close();
  }
}

function machineText(): string {
  const machine = describeMachine();
  return `${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}`;
}

async function comparePostgres(models: EvaluationModels): Promise<void> {
  const { embedder } = models;
  const url = process.env.PAPERPULSE_EVAL_DATABASE_URL;
  if (!url)
    throw new Error(
      "--postgres needs PAPERPULSE_EVAL_DATABASE_URL (a PostgreSQL database to create schemas in)",
    );
  const schemas = postgresSchemas(url);
  try {
    const sqlite = [
      await score("SciFact test", "ndcg10", () => loadSciFact(embedder, "test"), models),
      await score("CSFCube", "ndcg10", () => loadCsfCube(embedder), models),
    ];
    const postgres = [
      await score("SciFact test", "ndcg10", () => loadSciFact(embedder, "test", schemas.openStore), models),
      await score("CSFCube", "ndcg10", () => loadCsfCube(embedder, schemas.openStore), models),
    ];
    const bars = tierBars(sqlite, postgres);
    console.log(scoreTable(postgres));
    for (const bar of bars) console.log(`${bar.met ? "met   " : "MISSED"} ${bar.text}`);
    writeFileSync(
      POSTGRES_REPORT,
      tierReport(sqlite, postgres, bars, embedder.modelId, models.titleEmbedder.modelId, machineText()),
    );
    log(`wrote ${POSTGRES_REPORT}`);
  } finally {
    await schemas.dropAll();
  }
}

async function main(): Promise<void> {
  const models = { embedder: loadBundledEmbedder(), titleEmbedder: loadBundledTitleEmbedder() };
  const { embedder } = models;
  const dumpAt = process.argv.indexOf("--dump-candidates");
  if (dumpAt !== -1) {
    const file = process.argv[dumpAt + 1];
    if (!file) throw new Error("--dump-candidates needs a file to write");
    await dumpTuningCandidates(embedder, file, log);
    return;
  }
  if (process.argv.includes("--tune")) {
    await runTuning(models, log);
    return;
  }
  if (process.argv.includes("--postgres")) {
    await comparePostgres(models);
    return;
  }
  const results = [
    await score("SciFact test", "ndcg10", () => loadSciFact(embedder, "test"), models),
    await score("CSFCube", "ndcg10", () => loadCsfCube(embedder), models),
    await score("arXiv known-item", "mrr10", () => loadKnownItems(embedder, log), models),
  ];
  console.log(scoreTable(results));
  for (const bar of checkBars(results)) console.log(`${bar.met ? "met   " : "MISSED"} ${bar.text}`);
  writeFileSync(
    REPORT,
    qualityReport(results, DEFAULT_FUSION, embedder.modelId, models.titleEmbedder.modelId, machineText()),
  );
  log(`wrote ${REPORT}`);
}

try {
  await main();
} catch (error) {
  console.error(`eval: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
}
