import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importListingFiles } from "../../src/ingest/import-listings.js";
import { importPaperFiles } from "../../src/ingest/import-papers.js";
import { DAILY_DIR, openTempStore, readJson, tempDir } from "./helpers.js";

interface DailyStats {
  papers: number;
  listing_rows: number;
  days: number;
  first_day: string;
  last_day: string;
  per_month: Record<string, number>;
}

const stats = readJson<DailyStats>(path.join(DAILY_DIR, "stats.json"));
const paperFiles = fs
  .readdirSync(path.join(DAILY_DIR, "papers"))
  .sort()
  .map((name) => path.join(DAILY_DIR, "papers", name));

describe("the whole arxiv-daily corpus with its listings", () => {
  const store = openTempStore(tempDir());
  afterAll(() => store.close());

  it("stores every paper, as counted per month in stats.json", async () => {
    const summary = await importPaperFiles(store, paperFiles);
    expect(summary.total).toMatchObject({ read: stats.papers, inserted: stats.papers, rejected: 0 });
    const perMonth = Object.fromEntries(
      summary.files.map((file) => [path.basename(file.file, ".jsonl.gz"), file.inserted]),
    );
    expect(perMonth).toEqual(stats.per_month);
    expect(await store.countPapers()).toBe(stats.papers);
  });

  it("adds every listing row and keeps each paper within the listed days", async () => {
    const [listings] = await importListingFiles(store, [path.join(DAILY_DIR, "daily_listings.tsv.gz")]);
    expect(listings).toMatchObject({ read: stats.listing_rows, added: stats.listing_rows, rejected: 0 });

    const days: string[] = [];
    for (let day = await store.latestDay(); day !== null; day = (await store.neighbourDays(day)).previous)
      days.push(day);
    expect(days.at(0)).toBe(stats.last_day);
    expect(days.at(-1)).toBe(stats.first_day);
    expect(days.length).toBeLessThanOrEqual(stats.days);
  });
});
