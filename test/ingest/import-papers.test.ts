import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { LineReject } from "../../src/ingest/batched-file-import.js";
import { loadDemoIfEmpty } from "../../src/ingest/demo.js";
import { exportPapers } from "../../src/ingest/export.js";
import { importListingFiles } from "../../src/ingest/import-listings.js";
import {
  BULK_LOAD_BATCH_SIZE,
  BULK_LOAD_MIN_BYTES,
  DEFAULT_BATCH_SIZE,
  importPaperFiles,
} from "../../src/ingest/import-papers.js";
import { describeInputFile } from "../../src/ingest/input-file.js";
import type { PaperStore } from "../../src/store/store.js";
import { openTestPostgresStore, TEST_DATABASE_URL } from "../support/postgres.js";
import { ARXIVER_DIR, allPapers, openTempStore, readJson, tempDir, writeLines } from "./helpers.js";

const arxiverStats = readJson<{ per_file: Record<string, number> }>(path.join(ARXIVER_DIR, "stats.json"));
const arxiverFile = (name: string) => path.join(ARXIVER_DIR, `papers/${name}.jsonl.gz`);

const openStores: PaperStore[] = [];
afterEach(async () => {
  await Promise.all(openStores.splice(0).map((store) => store.close()));
});

function dailyLine(fields: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: "2509.00001",
    title: "A title",
    abstract: "An abstract.",
    authors: ["Ana Lopez"],
    categories: ["cs.LG"],
    comment: null,
    first_listed: "2025-09-02",
    ...fields,
  });
}

/**
 * Every import guarantee on both stores: the PostgreSQL store writes batches by COPY and one upsert,
 * the embedded store row by row, and each must give the same papers.
 */
const STORES: { name: string; open(dir: string): Promise<PaperStore> }[] = [
  { name: "SQLite", open: async (dir) => openTempStore(dir) },
  ...(TEST_DATABASE_URL === null ? [] : [{ name: "PostgreSQL", open: () => openTestPostgresStore() }]),
];

describe.each(STORES)("imports into $name", ({ open }) => {
  async function freshStore(dir = tempDir()): Promise<PaperStore> {
    const store = await open(dir);
    openStores.push(store);
    return store;
  }

  describe("importing real files", () => {
    it("stores every paper of the arxiver files, as counted in stats.json, and a re-import changes nothing", async () => {
      const store = await freshStore();
      const files = [arxiverFile("pre2013"), arxiverFile("2016")];
      const expected = arxiverStats.per_file.pre2013! + arxiverStats.per_file["2016"]!;
      const first = await importPaperFiles(store, files, { batchSize: 500 });
      expect(first.files.map((file) => file.inserted)).toEqual([
        arxiverStats.per_file.pre2013,
        arxiverStats.per_file["2016"],
      ]);
      expect(first.total).toEqual({
        read: expected,
        inserted: expected,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        rejectedEarlier: 0,
      });
      expect(first.files[0]!.formats).toEqual({ "arxiv-api": 138 });
      expect(await store.countPapers()).toBe(expected);
      expect(await store.getPaper("cond-mat/9909265")).toMatchObject({ day: "1999-09-17", latestVersion: 1 });

      const second = await importPaperFiles(store, files);
      expect(second.total).toEqual({
        read: expected,
        inserted: 0,
        updated: 0,
        unchanged: expected,
        rejected: 0,
        rejectedEarlier: 0,
      });
      for (const file of files)
        expect(await store.getCheckpoint((await describeInputFile(file)).checkpointKey)).toBeNull();
    });
  });

  it("stores a line holding NUL bytes without them, and the lines after it", async () => {
    const dir = tempDir();
    const store = await freshStore(dir);
    const line = (id: string, title: string) =>
      JSON.stringify({ id, title, abstract: "An abstract\u0000.", first_listed: "2025-09-02" });
    const file = writeLines(dir, "nul.jsonl", [
      line("2509.00001", "Nul\u0000 title"),
      line("2509.00002", "Fine"),
    ]);
    const summary = await importPaperFiles(store, [file]);
    expect(summary.total).toMatchObject({ read: 2, inserted: 2, rejected: 0 });
    expect(await store.getPaper("2509.00001")).toMatchObject({
      title: "Nul title",
      abstract: "An abstract .",
    });
    expect(await store.getPaper("2509.00002")).toMatchObject({ title: "Fine" });
  });

  describe("merging", () => {
    it("updates a paper from a newer version and keeps its version history", async () => {
      const dir = tempDir();
      const store = await freshStore(dir);
      const v1 = JSON.stringify({
        id: "2306.04891",
        version: 1,
        title: "Old\n  title",
        abstract: "Old abstract.",
        categories: ["cs.LG"],
        primary_category: "cs.LG",
        published: "2023-06-08 01:02:03",
      });
      const v2 = JSON.stringify({
        ...JSON.parse(v1),
        version: 2,
        title: "New title",
        abstract: "New abstract.",
      });
      await importPaperFiles(store, [writeLines(dir, "v1.jsonl", [v1])]);
      const result = await importPaperFiles(store, [writeLines(dir, "v2.jsonl", [v2])]);
      expect(result.total.updated).toBe(1);
      expect(await store.getPaper("2306.04891")).toMatchObject({
        title: "New title",
        abstract: "New abstract.",
        latestVersion: 2,
        versions: [
          { version: 1, createdAt: "2023-06-08T01:02:03.000Z" },
          { version: 2, createdAt: null },
        ],
        publishedAt: "2023-06-08T01:02:03.000Z",
      });
      const again = await importPaperFiles(store, [writeLines(dir, "v1-again.jsonl", [v1])]);
      expect(again.total.unchanged).toBe(1);
      expect((await store.getPaper("2306.04891"))!.title).toBe("New title");
    });
  });

  describe.each(["worker", "main-thread"] as const)("malformed lines, parsed in the %s", (parseIn) => {
    it("reports each with file and line, skips it, and stores the rest", async () => {
      const dir = tempDir();
      const store = await freshStore(dir);
      const file = writeLines(dir, "mixed.jsonl", [
        dailyLine({ id: "2509.00001" }),
        "{broken json",
        dailyLine({ id: "2509.00002", title: undefined }),
        "",
        dailyLine({ id: "not-an-id" }),
        dailyLine({ id: "2509.00003", authors: "Ana Lopez" }),
        dailyLine({ id: "2509.00004", abstract: "x".repeat(10_001) }),
        dailyLine({ id: "2509.00005", categories: "cs.LG" }),
        `{"id": "2509.00006", "pad": "${"x".repeat(1_100_000)}"}`,
        dailyLine({ id: "2509.00007" }),
      ]);
      const rejects: LineReject[] = [];
      const summary = await importPaperFiles(store, [file], {
        batchSize: 2,
        parseIn,
        onReject: (reject) => rejects.push(reject),
      });
      expect(summary.parsedIn).toBe(parseIn);
      expect(rejects.map(({ line, reason }) => `${line}: ${reason}`)).toEqual([
        expect.stringMatching(/^2: not valid JSON/),
        '3: missing "title"',
        '5: invalid arXiv id "not-an-id"',
        "7: abstract is 10,001 characters (limit 10,000)",
        '8: "categories" must be an array, got a string',
        "9: line is longer than 1 MB",
      ]);
      expect(rejects.every((reject) => reject.file === file)).toBe(true);
      expect(summary.total).toMatchObject({ read: 9, inserted: 3, rejected: 6 });
      expect((await allPapers(store)).map((paper) => paper.id)).toEqual([
        "2509.00001",
        "2509.00003",
        "2509.00007",
      ]);
    });

    it("rejects a line that is not UTF-8 instead of storing U+FFFD in its place", async () => {
      const dir = tempDir();
      const store = await freshStore(dir);
      const file = path.join(dir, "latin1.jsonl");
      const latin1Title = Buffer.from(dailyLine({ id: "2509.00002", title: "Caf\u00e9 au lait" }), "latin1");
      fs.writeFileSync(
        file,
        Buffer.concat([
          Buffer.from(`${dailyLine({ id: "2509.00001", title: "Café crème" })}\n`),
          latin1Title,
          Buffer.from(`\n${dailyLine({ id: "2509.00003" })}\n`),
        ]),
      );
      const rejects: LineReject[] = [];
      const summary = await importPaperFiles(store, [file], {
        parseIn,
        onReject: (reject) => rejects.push(reject),
      });
      expect(rejects.map(({ line, reason }) => `${line}: ${reason}`)).toEqual([
        "2: line is not valid UTF-8 (re-encode the file as UTF-8)",
      ]);
      expect(summary.total).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
      expect((await store.getPaper("2509.00001"))?.title).toBe("Café crème");
    });
  });

  describe("listings", () => {
    it("move papers to their earliest listing day, whether imported before or after the papers", async () => {
      const dir = tempDir();
      const papers = writeLines(dir, "papers.jsonl", [
        dailyLine({ id: "2509.00001", first_listed: "2025-09-03" }),
        dailyLine({ id: "2509.00002", first_listed: "2025-09-03" }),
      ]);
      const listings = writeLines(dir, "listings.tsv", [
        "listing_date\tarxiv_id",
        "2025-09-02\t2509.00001",
        "2025-09-04\t2509.00001v2",
        "2025-13-01\t2509.00002",
        "2025-09-05\tnonsense",
        "2025-09-05",
        "2999-01-01\t2509.00002",
      ]);
      const rejects: LineReject[] = [];
      const before = await freshStore();
      const [summary] = await importListingFiles(before, [listings], {
        onReject: (reject) => rejects.push(reject),
      });
      expect(summary).toMatchObject({ read: 6, added: 2, rejected: 4 });
      expect(rejects.map((reject) => reject.line)).toEqual([4, 5, 6, 7]);
      expect(rejects[3]!.reason).toMatch(/in the future/);
      await importPaperFiles(before, [papers]);

      const after = await freshStore();
      await importPaperFiles(after, [papers]);
      const [moved] = await importListingFiles(after, [listings]);
      expect(moved!.papersMoved).toBe(1);

      for (const store of [before, after]) {
        expect(await store.getPaper("2509.00001")).toMatchObject({
          day: "2025-09-02",
          listingDay: "2025-09-02",
        });
        expect(await store.getPaper("2509.00002")).toMatchObject({ day: "2025-09-03" });
      }
      expect(await allPapers(before)).toEqual(await allPapers(after));
    });
  });

  describe("export", () => {
    it("round-trips: import, export, import into a fresh store gives identical papers and files", async () => {
      const dir = tempDir();
      const source = await freshStore(dir);
      await importPaperFiles(source, [
        arxiverFile("pre2013"),
        path.join(ARXIVER_DIR, "../arxiv-abs-0704-sample/papers.jsonl.gz"),
      ]);
      await loadDemoIfEmpty(source);
      const exported = path.join(dir, "export.jsonl.gz");
      const count = await exportPapers(source, exported);
      expect(count).toBe(await source.countPapers());

      const copy = await freshStore();
      const summary = await importPaperFiles(copy, [exported]);
      expect(summary.total).toMatchObject({ read: count, inserted: count, rejected: 0 });
      expect(await allPapers(copy)).toEqual(await allPapers(source));

      const reexported = path.join(dir, "reexport.jsonl");
      await exportPapers(copy, reexported);
      const plain = (file: string) => fs.readFileSync(file);
      expect(plain(reexported).equals(zlib.gunzipSync(plain(exported)))).toBe(true);
      expect(fs.readdirSync(dir).filter((name) => name.includes(".partial"))).toEqual([]);
    });

    it("stopped by its signal, removes the partial file and leaves FILE as it was", async () => {
      const dir = tempDir();
      const store = await freshStore(dir);
      await importPaperFiles(store, [arxiverFile("2016")]);
      const file = path.join(dir, "papers.jsonl");
      fs.writeFileSync(file, "the previous export\n");
      const controller = new AbortController();
      const stopped = exportPapers(store, file, {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      });
      await expect(stopped).rejects.toThrow(/abort/i);
      expect(fs.readFileSync(file, "utf8")).toBe("the previous export\n");
      expect(fs.readdirSync(dir).filter((name) => name.includes(".partial"))).toEqual([]);
    });

    it("refuses a folder or a missing folder as its file before reading any paper", async () => {
      const dir = tempDir();
      const store = await freshStore();
      await loadDemoIfEmpty(store);
      let progressed = 0;
      const onProgress = () => void progressed++;
      await expect(exportPapers(store, dir, { onProgress })).rejects.toThrow(
        `${dir} is a folder: name the export file, like ${path.join(dir, "papers.jsonl.gz")}`,
      );
      await expect(
        exportPapers(store, path.join(dir, "missing", "papers.jsonl"), { onProgress }),
      ).rejects.toThrow(`there is no folder ${path.join(dir, "missing")} to write papers.jsonl in`);
      expect(progressed).toBe(0);
    });
  });

  describe.each(["worker", "main-thread"] as const)("resuming, parsed in the %s", (parseIn) => {
    it("stops on the abort signal after a committed batch, resumes there, and ends as one clean run would", async () => {
      const file = arxiverFile("2016");
      const interruptedStore = await freshStore();
      const controller = new AbortController();
      const stopped = await importPaperFiles(interruptedStore, [file], {
        batchSize: 200,
        parseIn,
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.linesRead >= 400) controller.abort();
        },
      });
      expect(stopped.interrupted).toBe(true);
      // A fresh store loads in bulk: its index waits for the import to be resumed, and the summary says so.
      expect(stopped.searchIndexPending).toBe(true);
      const key = (await describeInputFile(file)).checkpointKey;
      const committedLine = (await interruptedStore.getCheckpoint(key))?.line ?? null;
      expect(committedLine).toBe(stopped.total.read);
      expect(await interruptedStore.countPapers()).toBe(committedLine);

      const starts: (number | null)[] = [];
      const resumed = await importPaperFiles(interruptedStore, [file], {
        batchSize: 200,
        parseIn,
        onFileStart: (_file, resumeAt) => starts.push(resumeAt?.line ?? null),
      });
      expect(starts).toEqual([committedLine]);
      expect(resumed.total.read).toBe(arxiverStats.per_file["2016"]! - committedLine!);
      expect(resumed.parsedIn).toBe(parseIn);
      expect(resumed.searchIndexPending).toBe(false);
      expect(await interruptedStore.getCheckpoint(key)).toBeNull();

      const cleanStore = await freshStore();
      await importPaperFiles(cleanStore, [file]);
      expect(await allPapers(interruptedStore)).toEqual(await allPapers(cleanStore));
    });
  });

  describe("batch sizes", () => {
    it("are smaller in a bulk load than in an import into a store that has papers, unless given", async () => {
      const store = await freshStore();
      const batches: number[] = [];
      const recording = Object.create(store) as PaperStore;
      recording.upsertPapers = async (papers, options) => {
        batches.push(papers.length);
        return store.upsertPapers(papers, options);
      };
      await importPaperFiles(recording, [arxiverFile("2017")]);
      expect(batches.splice(0)).toEqual([BULK_LOAD_BATCH_SIZE, BULK_LOAD_BATCH_SIZE, 568]);
      await importPaperFiles(recording, [arxiverFile("2016")]);
      expect(batches.splice(0)).toEqual([arxiverStats.per_file["2016"]]);
      expect(DEFAULT_BATCH_SIZE).toBeGreaterThan(arxiverStats.per_file["2016"]!);
      await importPaperFiles(recording, [arxiverFile("2015")], { batchSize: 500 });
      expect(batches.splice(0)).toEqual([500, 334]);
    });
  });

  describe("writes that follow the papers", () => {
    it("run once every paper is written, before the import returns, and not after an interrupted import", async () => {
      const file = arxiverFile("pre2013");
      const store = await freshStore();
      const controller = new AbortController();
      controller.abort();
      let followUps = 0;
      const followUp = async () => {
        followUps++;
        expect(await store.countPapers()).toBe(arxiverStats.per_file.pre2013);
      };
      const stopped = await importPaperFiles(store, [file], {
        batchSize: 50,
        signal: controller.signal,
        followUp,
      });
      expect(stopped.interrupted).toBe(true);
      expect(followUps).toBe(0);
      await importPaperFiles(store, [file], { followUp });
      expect(followUps).toBe(1);
      // A re-import is no bulk load: the follow-up runs all the same.
      await importPaperFiles(store, [file], { followUp });
      expect(followUps).toBe(2);
    });
  });

  describe.each(["worker", "main-thread"] as const)("dry run, parsed in the %s", (parseIn) => {
    it("validates and counts without writing", async () => {
      const store = await freshStore();
      const summary = await importPaperFiles(store, [arxiverFile("pre2013")], { dryRun: true, parseIn });
      expect(summary.total).toMatchObject({ read: 138, inserted: 0, rejected: 0 });
      expect(await store.countPapers()).toBe(0);
    });
  });

  describe("demo", () => {
    it("loads all 38 seed papers into an empty store, once, listed on the seed page's day", async () => {
      const store = await freshStore();
      expect(await loadDemoIfEmpty(store)).toBe(38);
      expect(await loadDemoIfEmpty(store)).toBe(0);
      expect(await store.countPapers()).toBe(38);
      expect(await store.latestDay()).toBe("2025-12-11");
      const page = await store.listPapers({
        from: "2025-12-11",
        to: "2025-12-11",
        sort: "upvotes",
        limit: 50,
        offset: 0,
      });
      expect(page.total).toBe(38);
      expect(await store.getPaper("2504.05410")).toMatchObject({
        day: "2025-12-11",
        upvotes: 0,
        publishedAt: null,
      });
      expect(await store.getPaper("2509.09672")).toMatchObject({
        day: "2025-12-11",
        publishedAt: "2025-09-11T00:00:00.000Z",
        upvotes: 2,
        authorCount: 4,
      });
    });
  });

  describe("search index compaction", () => {
    function countingOptimizes(store: PaperStore): { store: PaperStore; optimizes: () => number } {
      let calls = 0;
      const counting = Object.create(store) as PaperStore;
      counting.optimizeSearchIndex = async () => {
        calls++;
        await store.optimizeSearchIndex();
      };
      return { store: counting, optimizes: () => calls };
    }

    it("compacts the index after a bulk import, not after a small one or a re-import", async () => {
      const { store, optimizes } = countingOptimizes(await freshStore());
      await importPaperFiles(store, [arxiverFile("2016")]);
      expect(optimizes()).toBe(0);
      await importPaperFiles(store, [arxiverFile("2019")]);
      expect(optimizes()).toBe(1);
      await importPaperFiles(store, [arxiverFile("2019")]);
      expect(optimizes()).toBe(1);
    });
  });

  describe("unreadable files", () => {
    it("names a truncated gzip file in the error and keeps every whole line read before it", async () => {
      const dir = tempDir();
      const truncatedBytes = fs.readFileSync(arxiverFile("2019")).subarray(0, 1_500_000);
      const truncated = path.join(dir, "truncated.jsonl.gz");
      fs.writeFileSync(truncated, truncatedBytes);
      // What the truncated file holds in whole lines, as a plain file of its own.
      const readable = zlib
        .gunzipSync(truncatedBytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH })
        .toString();
      const wholeLines = path.join(dir, "whole-lines.jsonl");
      fs.writeFileSync(wholeLines, readable.slice(0, readable.lastIndexOf("\n") + 1));
      const reference = await freshStore(tempDir());
      await importPaperFiles(reference, [wholeLines]);

      // A batch larger than the file's whole lines: the batch in progress is written too. A worker reads
      // ahead of the writes, so zlib holds decoded lines unread when it fails: they are kept as well.
      for (const parseIn of ["main-thread", "worker"] as const) {
        for (const batchSize of [500, 100_000]) {
          const store = await freshStore(tempDir());
          await expect(importPaperFiles(store, [truncated], { batchSize, parseIn })).rejects.toThrow(
            new RegExp(`^${truncated.replaceAll(".", "\\.")}: unexpected end of file`),
          );
          expect(await store.countPapers(), `${parseIn}, batch size ${batchSize}`).toBe(
            await reference.countPapers(),
          );
        }
      }
    });
  });
});

describe("large imports into an embedded store that has papers", () => {
  it("are bulk loads too, from 8 MB of input, and leave an index that matches the table", async () => {
    const dir = tempDir();
    const store = openTempStore(dir);
    openStores.push(store);
    const bulkLoads: boolean[] = [];
    const recording = Object.create(store) as PaperStore;
    recording.beginBulkLoad = async (options) => {
      const begun = await store.beginBulkLoad(options);
      bulkLoads.push(begun);
      return begun;
    };
    await importPaperFiles(recording, [arxiverFile("2016")]);
    expect(fs.statSync(arxiverFile("2024")).size).toBeGreaterThanOrEqual(BULK_LOAD_MIN_BYTES);
    await importPaperFiles(recording, [arxiverFile("2024")]);
    await importPaperFiles(recording, [arxiverFile("2019")]);
    expect(bulkLoads).toEqual([true, true, false]);

    const db = new Database(path.join(dir, "test.db"));
    try {
      db.exec("INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)");
      const indexed = db.prepare("SELECT count(*) FROM papers_fts_docsize").pluck().get();
      expect(indexed).toBe(db.prepare("SELECT count(*) FROM papers").pluck().get());
    } finally {
      db.close();
    }
  });
});
