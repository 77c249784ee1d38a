import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseSearchQuery } from "../../src/core/search-query.js";
import { BulkLoadBusyError, BulkLoadLock } from "../../src/store/sqlite/bulk-load-lock.js";
import { PaperWrites } from "../../src/store/sqlite/paper-writes.js";
import { BULK_LOAD_KEY, sideIndexPath } from "../../src/store/sqlite/search-index-protocol.js";
import { SideIndexBuild } from "../../src/store/sqlite/side-index-build.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";
import { makePaperInput } from "../support/paper-factory.js";

const open: PaperStore[] = [];
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  vi.restoreAllMocks();
});

/** The index built on the writing thread from the table: what the side index replaces. */
const buildInPlace = () => vi.spyOn(PaperWrites.prototype, "finishBulkLoad");

function newDatabasePath(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-side-")), "paperpulse.db");
}

function openStore(databasePath: string): PaperStore {
  const store = openSqliteStore(databasePath);
  open.push(store);
  return store;
}

async function closeStore(store: PaperStore): Promise<void> {
  open.splice(open.indexOf(store), 1);
  await store.close();
}

async function hits(store: PaperStore, text: string): Promise<string[]> {
  const result = await store.search({ query: parseSearchQuery(text), limit: 20, offset: 0 });
  return result.hits.map((hit) => hit.paper.id).sort();
}

/** FTS5's own check of the index against every row of the papers table; throws when they differ. */
function checkIndex(databasePath: string): void {
  const db = new Database(databasePath);
  try {
    db.exec("INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)");
    expect(db.prepare("SELECT count(*) FROM source_state").pluck().get()).toBe(0);
  } finally {
    db.close();
  }
  expect(fs.existsSync(sideIndexPath(databasePath))).toBe(false);
}

const paper = (n: number, title: string, version = 1) =>
  makePaperInput({
    id: `2509.${String(n).padStart(5, "0")}`,
    title,
    abstract: `Abstract of ${title}.`,
    versions: Array.from({ length: version }, (_, index) => ({ version: index + 1, createdAt: null })),
  });

describe("a bulk load's side index", () => {
  it("loads a store that has papers: old papers stay searchable meanwhile, changed text is re-indexed", async () => {
    const databasePath = newDatabasePath();
    const inPlace = buildInPlace();
    const store = openStore(databasePath);
    await store.upsertPapers([paper(1, "Platypus habitats"), paper(2, "Kiwi habitats")]);
    expect(await store.beginBulkLoad({ evenIfNotEmpty: true })).toBe(true);
    await store.upsertPapers([paper(3, "Kakapo habitats"), paper(1, "Platypus burrows", 2)], {
      bulkLoad: true,
    });
    await store.upsertPapers([paper(4, "Takahe habitats"), paper(2, "Kiwi burrows", 2)], { bulkLoad: true });
    // Until the bulk load ends, search reads the index as it was.
    expect(await hits(store, "habitats")).toEqual(["2509.00001", "2509.00002"]);
    await store.finishBulkLoad();
    expect(await hits(store, "habitats")).toEqual(["2509.00003", "2509.00004"]);
    expect(await hits(store, "burrows")).toEqual(["2509.00001", "2509.00002"]);
    expect(inPlace).not.toHaveBeenCalled();
    await closeStore(store);
    checkIndex(databasePath);
  });

  it("starts on a store that has papers only when asked to", async () => {
    const store = openStore(newDatabasePath());
    await store.upsertPapers([paper(1, "Platypus habitats")]);
    expect(await store.beginBulkLoad()).toBe(false);
  });

  it("resumes from its file after the process stopped, as a killed import does", async () => {
    const databasePath = newDatabasePath();
    const inPlace = buildInPlace();
    const first = openStore(databasePath);
    expect(await first.beginBulkLoad()).toBe(true);
    await first.upsertPapers([paper(1, "Quoll census"), paper(2, "Dunnart census")], { bulkLoad: true });
    await first.upsertPapers([paper(1, "Quoll survey", 2)], { bulkLoad: true });
    await closeStore(first);
    expect(fs.existsSync(sideIndexPath(databasePath))).toBe(true);

    const second = openStore(databasePath);
    expect(await second.beginBulkLoad()).toBe(true);
    await second.upsertPapers([paper(3, "Bilby census")], { bulkLoad: true });
    await second.finishBulkLoad();
    expect(await hits(second, "census")).toEqual(["2509.00002", "2509.00003"]);
    expect(await hits(second, "survey")).toEqual(["2509.00001"]);
    expect(inPlace).not.toHaveBeenCalled();
    await closeStore(second);
    checkIndex(databasePath);
  });

  it("refuses a second loader while another writes the load, and lets it resume once that one stopped", async () => {
    const databasePath = newDatabasePath();
    const first = openStore(databasePath);
    expect(await first.beginBulkLoad()).toBe(true);
    await first.upsertPapers([paper(1, "Quokka census")], { bulkLoad: true });
    const second = openStore(databasePath);
    await expect(second.beginBulkLoad({ evenIfNotEmpty: true })).rejects.toThrow(BulkLoadBusyError);
    await expect(second.beginBulkLoad()).rejects.toThrow(/Another import is loading papers into/);
    await closeStore(first);

    expect(await second.beginBulkLoad()).toBe(true);
    await second.upsertPapers([paper(2, "Potoroo census")], { bulkLoad: true });
    await second.finishBulkLoad();
    expect(await hits(second, "census")).toEqual(["2509.00001", "2509.00002"]);
    // The load is over: a later import takes the lock again, and no load is left to join.
    const third = openStore(databasePath);
    expect(await third.beginBulkLoad()).toBe(false);
    await closeStore(second);
    await closeStore(third);
    checkIndex(databasePath);
  });

  it("lets a writer that is no loader write beside a load before its mark, indexing as it goes", async () => {
    const databasePath = newDatabasePath();
    const holder = BulkLoadLock.tryAcquire(databasePath);
    expect(holder).not.toBeNull();
    const store = openStore(databasePath);
    // The lock is taken but no load marked yet: this import writes row by row, as beside any load.
    expect(await store.beginBulkLoad()).toBe(false);
    await store.upsertPapers([paper(1, "Kowari census")]);
    expect(await hits(store, "census")).toEqual(["2509.00001"]);
    holder?.release();
    expect(await store.beginBulkLoad({ evenIfNotEmpty: true })).toBe(true);
    await store.finishBulkLoad();
  });

  it("is rebuilt from the table when its file is lost or behind the committed batches", async () => {
    const databasePath = newDatabasePath();
    const first = openStore(databasePath);
    expect(await first.beginBulkLoad()).toBe(true);
    await first.upsertPapers([paper(1, "Numbat census")], { bulkLoad: true });
    await closeStore(first);
    for (const suffix of ["", "-wal", "-shm"])
      fs.rmSync(sideIndexPath(databasePath) + suffix, { force: true });

    const second = openStore(databasePath);
    expect(await second.beginBulkLoad()).toBe(true);
    await second.upsertPapers([paper(1, "Numbat survey", 2), paper(2, "Bettong census")], { bulkLoad: true });
    await second.finishBulkLoad();
    expect(await hits(second, "census")).toEqual(["2509.00002"]);
    expect(await hits(second, "survey")).toEqual(["2509.00001"]);
    await closeStore(second);
    checkIndex(databasePath);
  });

  it("is rebuilt from the table when another writer changed papers during the bulk load", async () => {
    const databasePath = newDatabasePath();
    const loader = openStore(databasePath);
    expect(await loader.beginBulkLoad()).toBe(true);
    await loader.upsertPapers([paper(1, "Wallaby census")], { bulkLoad: true });
    const other = openStore(databasePath);
    await other.upsertPapers([paper(2, "Wallaroo census")]);
    await closeStore(other);
    await loader.upsertPapers([paper(3, "Pademelon census")], { bulkLoad: true });
    await loader.finishBulkLoad();
    expect(await hits(loader, "census")).toEqual(["2509.00001", "2509.00002", "2509.00003"]);
    await closeStore(loader);
    checkIndex(databasePath);
  });

  it("lets the importer write listings while it compacts, then swaps the index in", async () => {
    const databasePath = newDatabasePath();
    const inPlace = buildInPlace();
    const compact = vi.spyOn(SideIndexBuild.prototype, "compact");
    const store = openStore(databasePath);
    expect(await store.beginBulkLoad()).toBe(true);
    await store.upsertPapers([paper(1, "Echidna census"), paper(2, "Possum census")], { bulkLoad: true });
    let seenMeanwhile: { compacting: boolean; mark: string | null; hits: string[] } | null = null;
    await store.finishBulkLoad(async () => {
      const result = await store.addListings([{ paperId: "2509.00001", day: "2025-09-01" }]);
      expect(result).toEqual({ added: 1, papersMoved: 1 });
      seenMeanwhile = {
        compacting: compact.mock.calls.length === 1,
        mark: await store.getSourceState(BULK_LOAD_KEY),
        hits: await hits(store, "census"),
      };
    });
    // Meanwhile the bulk load was still open, its index not yet in the main database.
    expect(seenMeanwhile).toEqual({ compacting: true, mark: expect.any(String), hits: [] });
    expect(await hits(store, "census")).toEqual(["2509.00001", "2509.00002"]);
    expect((await store.getPaper("2509.00001"))?.day).toBe("2025-09-01");
    expect(inPlace).not.toHaveBeenCalled();
    await closeStore(store);
    checkIndex(databasePath);
  });

  it("ends the bulk load even when the writes beside it fail, and reports their error", async () => {
    const databasePath = newDatabasePath();
    const store = openStore(databasePath);
    expect(await store.beginBulkLoad()).toBe(true);
    await store.upsertPapers([paper(1, "Dingo census")], { bulkLoad: true });
    await expect(
      store.finishBulkLoad(async () => {
        throw new Error("listings file vanished");
      }),
    ).rejects.toThrow("listings file vanished");
    expect(await hits(store, "census")).toEqual(["2509.00001"]);
    await closeStore(store);
    checkIndex(databasePath);
  });
});
