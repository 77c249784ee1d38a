import { readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import { runCliMeasured } from "./child.js";
import { countGzipLines } from "./count-lines.js";
import { BENCH_DATA_DIR, BENCH_DB, CRAWL_CORPUS, DAILY_CORPUS, OUTPUT_DIR } from "./paths.js";
import { CRAWL_LABEL, DAILY_LABEL, type ImportResults, type ImportRun, partHeader } from "./results.js";

const MB = 1e6;
/**
 * Rounds of the two corpus imports, each into a fresh database: this machine's speed drifts by 10–20 %
 * from minute to minute, so one run says little; the targets are judged on the median round.
 */
const ROUNDS = Number(process.env.PAPERPULSE_BENCH_IMPORT_ROUNDS ?? 3);
/** Exit codes the import command ends with when it finished: 0 all imported, 2 some lines rejected. */
const FINISHED = new Set([0, 2]);

function paperFiles(corpus: string): string[] {
  const dir = path.join(corpus, "papers");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".jsonl.gz"))
    .sort()
    .map((name) => path.join(dir, name));
}

function megabytes(files: string[]): number {
  return files.reduce((sum, file) => sum + statSync(file).size, 0) / MB;
}

/** "74,728 lines in 9.1 s (8,196 papers/s)": the CLI's own rate, if its summary still reads so. */
function cliRate(stdout: string): number | null {
  const match = /lines in [\d.]+ s \(([\d,]+) papers\/s\)/.exec(stdout);
  return match ? Number(match[1]!.replaceAll(",", "")) : null;
}

async function importInto(
  dataDir: string,
  label: string,
  files: string[],
  extraArgs: string[] = [],
): Promise<ImportRun> {
  const papers = (await Promise.all(files.map(countGzipLines))).reduce((sum, n) => sum + n, 0);
  // --no-embed: this measures the write phase; the embedding phase is measured by the search benchmark.
  const run = await runCliMeasured(["import", "--quiet", "--no-embed", ...files, ...extraArgs], {
    PAPERPULSE_DATA: dataDir,
  });
  if (!FINISHED.has(run.exitCode)) {
    throw new Error(`import of ${label} failed (exit ${run.exitCode}):\n${run.stderr.slice(-2_000)}`);
  }
  const result: ImportRun = {
    label,
    files: files.length,
    inputMB: megabytes(files),
    papers,
    wallSeconds: run.wallSeconds,
    papersPerSecond: papers / run.wallSeconds,
    cliPapersPerSecond: cliRate(run.stdout),
    peakRssMB: run.peakRssMB,
    cpuSeconds: run.cpuSeconds,
    exitCode: run.exitCode,
  };
  console.log(
    `  ${label}: ${papers} papers in ${run.wallSeconds.toFixed(1)} s ` +
      `(${Math.round(result.papersPerSecond)} papers/s, CPU ${run.cpuSeconds.toFixed(1)} s), peak RSS ${run.peakRssMB.toFixed(0)} MB`,
  );
  return result;
}

/** An import into a fresh database of its own, deleted afterwards: for comparisons beside the main runs. */
async function importAlone(label: string, files: string[], extraArgs: string[] = []): Promise<ImportRun> {
  const scratch = path.join(OUTPUT_DIR, "scratch");
  rmSync(scratch, { recursive: true, force: true });
  try {
    return await importInto(scratch, label, files, extraArgs);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function databaseFacts(): Promise<{ papersInDatabase: number; databaseMB: number }> {
  const store = openSqliteStore(BENCH_DB);
  try {
    const papersInDatabase = await store.countPapers();
    const sizes = ["", "-wal"].map((suffix) => {
      try {
        return statSync(BENCH_DB + suffix).size;
      } catch {
        return 0;
      }
    });
    return { papersInDatabase, databaseMB: (sizes[0]! + sizes[1]!) / MB };
  } finally {
    await store.close();
  }
}

/** Benchmark 1: both corpora through the real CLI into one fresh database, then memory by file size. */
export async function runImportBenchmark(): Promise<ImportResults> {
  const header = partHeader();
  const dailyFiles = paperFiles(DAILY_CORPUS);
  const crawlFiles = paperFiles(CRAWL_CORPUS);
  const listings = path.join(DAILY_CORPUS, "daily_listings.tsv.gz");
  const corpora: ImportRun[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    rmSync(BENCH_DATA_DIR, { recursive: true, force: true });
    corpora.push(
      {
        ...(await importInto(BENCH_DATA_DIR, DAILY_LABEL, dailyFiles, ["--listings", listings])),
        round,
      },
      // Into the same database: the merged corpus the search and HTTP benchmarks read (the last round's).
      { ...(await importInto(BENCH_DATA_DIR, CRAWL_LABEL, crawlFiles)), round },
    );
  }

  const bySize = [...crawlFiles].sort((a, b) => statSync(a).size - statSync(b).size);
  const memoryBySize: ImportRun[] = [];
  for (const [rank, file] of [
    ["smallest", bySize[0]!],
    ["median", bySize[Math.floor(bySize.length / 2)]!],
    ["largest", bySize.at(-1)!],
  ] as const) {
    memoryBySize.push(await importAlone(`${rank} file (${path.basename(file)})`, [file]));
  }
  // Reading and parsing without writing: splits the import's time between parsing and SQLite.
  const parseOnly = await importAlone("arxiv-daily-2025-2026, --dry-run (read + parse only)", dailyFiles, [
    "--dry-run",
  ]);

  return { ...header, rounds: ROUNDS, corpora, memoryBySize, parseOnly, ...(await databaseFacts()) };
}
