import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import type { Paper } from "../../src/core/paper.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";
import { SHARED_DATA } from "../support/shared-data.js";

export { SHARED_DATA };
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DAILY_DIR = path.join(SHARED_DATA, "arxiv-daily-2025-2026");
export const ARXIVER_DIR = path.join(SHARED_DATA, "arxiv-api-crawl-arxiver");
export const FIXTURES = path.join(REPO_ROOT, "test/ingest/fixtures");

export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

/** The first lines of a (gzip) JSON Lines file, for parser tests on real records. */
export function firstLines(file: string, count: number): string[] {
  const bytes = fs.readFileSync(file);
  const text = file.endsWith(".gz") ? zlib.gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
  return text.split("\n").slice(0, count);
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-ingest-"));
}

export function writeLines(dir: string, name: string, lines: readonly string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

export function openTempStore(dir: string, name = "test.db"): PaperStore {
  return openSqliteStore(path.join(dir, name));
}

/** Every paper in id order. */
export async function allPapers(store: PaperStore): Promise<Paper[]> {
  const papers: Paper[] = [];
  for (
    let page = await store.papersAfter(null, 5_000);
    page.length > 0;
    page = await store.papersAfter(page.at(-1)!.id, 5_000)
  ) {
    papers.push(...page);
  }
  return papers;
}
