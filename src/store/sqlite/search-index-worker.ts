import fs from "node:fs";
import { parentPort } from "node:worker_threads";
import Database from "better-sqlite3";
import { loadSearchExtension } from "./search-extension.js";
import {
  BULK_LOAD_KEY,
  type BulkLoadMark,
  type FromIndexWorker,
  type IndexBatch,
  type IndexedText,
  parseBulkLoadMark,
  sideIndexPath,
  type ToIndexWorker,
} from "./search-index-protocol.js";

/**
 * The side index of a bulk load (ADR 0018): a copy of papers_fts in a database file of its own, which this
 * worker thread keeps up to date with each committed batch while the importer's thread writes the next
 * one, then compacts and copies back into the main database in one transaction. One connection opens
 * the main database (read, and written only by that final copy) and attaches the side file (written).
 */
const port = parentPort;
if (port === null) throw new Error("search-index-worker.ts runs as a worker thread");

/** FTS5's shadow tables that hold the index; the config table stays each database's own. */
const INDEX_TABLES = ["papers_fts_data", "papers_fts_idx", "papers_fts_docsize"] as const;
/** Index settings copied from the main table, so the side index flushes and pages the same way. */
const COPIED_SETTINGS = ["hashsize", "pgsz"];
/**
 * No merges while the side index grows: the final `optimize` merges every segment once, where automerge
 * would also rewrite them along the way. A segment or two per batch stays far below FTS5's limit of 2,000 (crisis merges start at 1,000).
 */
const LOAD_SETTINGS: [string, number][] = [
  ["automerge", 0],
  ["crisismerge", 1_000],
];

let db: Database.Database;
let sideSeq = -1;

function post(message: FromIndexWorker): void {
  port!.postMessage(message);
}

function readMark(): BulkLoadMark | null {
  const value = db
    .prepare<[string], string>("SELECT value FROM main.source_state WHERE key = ?")
    .pluck()
    .get(BULK_LOAD_KEY);
  return value === undefined ? null : parseBulkLoadMark(value);
}

function readSideSeq(): number | null {
  try {
    return db.prepare<[], number>("SELECT seq FROM side.side_state").pluck().get() ?? null;
  } catch {
    return null;
  }
}

function saveSideSeq(seq: number): void {
  db.prepare("UPDATE side.side_state SET seq = ?").run(seq);
  sideSeq = seq;
}

/** An empty side index with the main table's definition and settings. */
function createSideIndex(): void {
  db.exec("DROP TABLE IF EXISTS side.papers_fts; DROP TABLE IF EXISTS side.side_state");
  const definition = db
    .prepare<[], string>("SELECT sql FROM main.sqlite_master WHERE name = 'papers_fts'")
    .pluck()
    .get()!;
  db.exec(
    definition.replace(/^CREATE VIRTUAL TABLE\s+("?)papers_fts\1/i, "CREATE VIRTUAL TABLE side.papers_fts"),
  );
  db.exec("CREATE TABLE side.side_state (seq INTEGER NOT NULL); INSERT INTO side.side_state VALUES (-1)");
  const settings = db
    .prepare<[], { k: string; v: number }>("SELECT k, v FROM main.papers_fts_config")
    .all()
    .filter(({ k }) => COPIED_SETTINGS.includes(k));
  // FTS5 takes a setting's value only as an integer, which a JavaScript number does not bind as.
  const configure = db.prepare("INSERT INTO side.papers_fts (papers_fts, rank) VALUES (?, ?)");
  for (const { k, v } of settings) configure.run(k, BigInt(v));
  for (const [k, v] of LOAD_SETTINGS) configure.run(k, BigInt(v));
}

function copyIndex(from: "main" | "side", to: "main" | "side"): void {
  for (const table of INDEX_TABLES) {
    db.exec(`DELETE FROM ${to}.${table}; INSERT INTO ${to}.${table} SELECT * FROM ${from}.${table}`);
  }
}

/** Indexes every stored paper afresh; returns the batch the snapshot read covers. */
function indexWholeTable(): number {
  db.exec("INSERT INTO side.papers_fts (papers_fts) VALUES ('delete-all')");
  db.exec(
    `INSERT INTO side.papers_fts (rowid, title, abstract, author_names)
     SELECT rowid, title, abstract, author_names FROM main.papers ORDER BY rowid`,
  );
  return readMark()?.seq ?? -1;
}

function removeSideFile(databasePath: string): void {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(sideIndexPath(databasePath) + suffix, { force: true });
}

function open(databasePath: string, searchExtension: string | null): void {
  db = new Database(databasePath, { timeout: 10_000 });
  // Its porter tokenizer stems the batches' text faster, to the same index (ADR 0026).
  loadSearchExtension(db, searchExtension);
  // The shadow tables are written directly: only by the copies of a whole index.
  db.unsafeMode(true);
  db.prepare("ATTACH DATABASE ? AS side").run(sideIndexPath(databasePath));
  // The side file is a cache of the main table's index: a crash that damages it only costs a rebuild.
  db.pragma("side.journal_mode = WAL");
  db.pragma("side.synchronous = OFF");
  // Memory: the import's bound is 500 MB in all. This connection reads and writes whole tables (the
  // copies, a rebuild, new segments), which the OS cache serves as well as a large page cache would.
  db.pragma("main.cache_size = -2048");
  db.pragma("side.cache_size = -4096");
}

function start(databasePath: string, searchExtension: string | null, beginSeq: number, fresh: boolean): void {
  if (fresh) removeSideFile(databasePath);
  open(databasePath, searchExtension);
  if (!fresh && readSideSeq() === beginSeq) {
    sideSeq = beginSeq;
    return;
  }
  db.transaction(() => {
    createSideIndex();
    if (fresh) {
      // The main index is complete up to the mark: bulk-load writes leave it alone.
      copyIndex("main", "side");
      saveSideSeq(beginSeq);
    } else {
      saveSideSeq(indexWholeTable());
    }
  })();
  // FTS5 keeps the index structure it last read for as long as the connection sees no other writer:
  // after writing the shadow tables directly, only a new connection reads them afresh.
  db.close();
  open(databasePath, searchExtension);
}

/** Removals before additions, each in rowid order: FTS5 writes a segment whenever a rowid goes backwards. */
function apply(batch: IndexBatch): void {
  if (batch.seq <= sideSeq) return;
  const byRowid = (a: IndexedText, b: IndexedText) => a[0] - b[0];
  const remove = db.prepare(
    "INSERT INTO side.papers_fts (papers_fts, rowid, title, abstract, author_names) VALUES ('delete', ?, ?, ?, ?)",
  );
  const add = db.prepare(
    "INSERT INTO side.papers_fts (rowid, title, abstract, author_names) VALUES (?, ?, ?, ?)",
  );
  db.transaction(() => {
    for (const row of batch.removals.sort(byRowid)) remove.run(...row);
    for (const row of batch.additions.sort(byRowid)) add.run(...row);
    saveSideSeq(batch.seq);
  })();
}

/** Merges the side index into one segment; it holds no lock on the main database meanwhile. */
function compact(): void {
  db.exec("INSERT INTO side.papers_fts (papers_fts) VALUES ('optimize')");
}

/** Replaces the main index with the compacted side index and ends the bulk load, atomically. */
function finish(databasePath: string): void {
  db.transaction(() => {
    const mark = readMark();
    if (mark === null) return;
    if (mark.stale || mark.seq !== sideSeq) {
      saveSideSeq(indexWholeTable());
      db.exec("INSERT INTO side.papers_fts (papers_fts) VALUES ('optimize')");
    }
    copyIndex("side", "main");
    db.prepare("DELETE FROM main.source_state WHERE key = ?").run(BULK_LOAD_KEY);
  }).immediate();
  db.exec("DETACH DATABASE side");
  db.close();
  removeSideFile(databasePath);
}

let databasePath = "";
port.on("message", (message: ToIndexWorker) => {
  try {
    if (message.type === "start") {
      databasePath = message.databasePath;
      start(message.databasePath, message.searchExtension, message.beginSeq, message.fresh);
    } else if (message.type === "batch") {
      apply(message.batch);
      post({ type: "applied", seq: message.batch.seq });
    } else if (message.type === "compact") {
      compact();
      post({ type: "compacted" });
    } else {
      finish(databasePath);
      post({ type: "finished" });
    }
  } catch (error) {
    // Thrown outside the handler, it ends the worker with an "error" event that carries it to the store.
    setImmediate(() => {
      throw error;
    });
  }
});
