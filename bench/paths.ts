import path from "node:path";
import { fileURLToPath } from "node:url";

/** Every path the benchmarks read or write, in one place. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const OUTPUT_DIR = path.join(REPO_ROOT, "bench", "output");
/** The merged ~196k-paper database the import builds and the search and HTTP parts read. */
export const BENCH_DATA_DIR = path.join(OUTPUT_DIR, "data");
/** The CLI names its database file inside PAPERPULSE_DATA (see src/config.ts). */
export const BENCH_DB = path.join(BENCH_DATA_DIR, "paperpulse.db");
/** Committed: the report is rebuilt from the latest results of every part, whoever ran which part last. */
export const RESULTS_DIR = path.join(REPO_ROOT, "bench", "results");
export const REPORT_FILE = path.join(REPO_ROOT, "docs", "BENCHMARKS.md");
export const CLI_ENTRY = path.join(REPO_ROOT, "src", "cli", "main.ts");

const SHARED_DATA = path.resolve(REPO_ROOT, "..", "shared", "data");
export const DAILY_CORPUS = path.join(SHARED_DATA, "arxiv-daily-2025-2026");
export const CRAWL_CORPUS = path.join(SHARED_DATA, "arxiv-api-crawl-arxiver");
