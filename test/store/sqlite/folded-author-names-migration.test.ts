import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { parseSearchQuery } from "../../../src/core/search-query.js";
import { openSqliteStores } from "../../../src/store/sqlite/open-stores.js";
import { BULK_LOAD_KEY } from "../../../src/store/sqlite/search-index-protocol.js";
import { makePaperInput } from "../../support/paper-factory.js";

const PAPERS = [
  makePaperInput({ id: "2509.00001", title: "Sparse codes", authors: ["Łukasz Kaiser", "Ada Lovelace"] }),
  makePaperInput({ id: "2509.00002", title: "Dense codes", authors: ["Anna Straße"] }),
  makePaperInput({ id: "2509.00003", title: "Long codes", authors: ["Alan Turing"] }),
];

/**
 * A database as version 23 left it: author_names is the names alone, the index holds them so, and
 * migration 24 has not run. Made from a current one, so that every other table is as the store writes it.
 */
async function databaseAtVersion23(): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-0024-")), "paperpulse.db");
  const stores = openSqliteStores(file);
  await stores.papers.upsertPapers(PAPERS);
  await stores.papers.close();
  const db = new Database(file);
  db.transaction(() => {
    db.exec(`INSERT INTO papers_fts (papers_fts, rowid, title, abstract, author_names)
               SELECT 'delete', rowid, title, abstract, author_names FROM papers`);
    db.exec("UPDATE papers SET author_names = (SELECT group_concat(value, ', ') FROM json_each(authors))");
    db.exec(`INSERT INTO papers_fts (rowid, title, abstract, author_names)
               SELECT rowid, title, abstract, author_names FROM papers`);
    db.exec("DELETE FROM schema_migrations WHERE version = 24");
  })();
  db.close();
  return file;
}

async function authorIds(file: string, text: string): Promise<string[]> {
  const stores = openSqliteStores(file);
  try {
    const result = await stores.papers.search({ query: parseSearchQuery(text), limit: 10, offset: 0 });
    return result.hits.map((hit) => hit.paper.id).sort();
  } finally {
    await stores.papers.close();
  }
}

async function closeAfterOpening(file: string): Promise<void> {
  const stores = openSqliteStores(file);
  await stores.papers.close();
}

function integrityCheck(file: string): void {
  const db = new Database(file);
  try {
    // Throws when the index's entries differ from what the table's text gives.
    db.exec("INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)");
  } finally {
    db.close();
  }
}

function authorNamesColumn(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT author_names FROM papers ORDER BY id").pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe("SQLite migration 0024 (folded author names)", () => {
  it("adds the base-letter spelling to the affected rows and moves their index entries with them", async () => {
    const file = await databaseAtVersion23();
    integrityCheck(file);
    expect(await authorIds(file, "author:lukasz")).toEqual(["2509.00001"]);
    expect(authorNamesColumn(file)).toEqual([
      "Łukasz Kaiser, Ada Lovelace; Lukasz Kaiser",
      "Anna Straße; Anna Strasse",
      "Alan Turing",
    ]);
    integrityCheck(file);
    expect(await authorIds(file, "author:strasse")).toEqual(["2509.00002"]);
    expect(await authorIds(file, 'author:"ada lovelace"')).toEqual(["2509.00001"]);
  });

  it("writes what the store writes for new rows, so later updates remove exactly the entries indexed", async () => {
    const fresh = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-0024-")), "paperpulse.db");
    const stores = openSqliteStores(fresh);
    await stores.papers.upsertPapers(PAPERS);
    await stores.papers.close();
    const migrated = await databaseAtVersion23();
    await authorIds(migrated, "codes");
    expect(authorNamesColumn(migrated)).toEqual(authorNamesColumn(fresh));

    const reopened = openSqliteStores(migrated);
    await reopened.papers.upsertPapers([
      {
        ...PAPERS[0]!,
        authors: ["Łukasz Kaiser"],
        authorCount: 1,
        versions: [...PAPERS[0]!.versions, { version: 2, createdAt: "2025-09-20T12:00:00.000Z" }],
      },
    ]);
    await reopened.papers.close();
    integrityCheck(migrated);
  });

  it("opens a database whose bulk-load mark predates sequence numbers (read as stale already)", async () => {
    const file = await databaseAtVersion23();
    const db = new Database(file);
    db.prepare("INSERT INTO source_state (key, value, saved_at) VALUES (?, 'in progress', ?)").run(
      BULK_LOAD_KEY,
      "2026-11-28T00:00:00.000Z",
    );
    db.close();
    await closeAfterOpening(file);
    const after = new Database(file, { readonly: true });
    expect(after.prepare("SELECT value FROM source_state WHERE key = ?").pluck().get(BULK_LOAD_KEY)).toBe(
      "in progress",
    );
    after.close();
    expect(authorNamesColumn(file)[0]).toBe("Łukasz Kaiser, Ada Lovelace; Lukasz Kaiser");
  });

  it("during a bulk load leaves the index alone and marks the load stale, so that its end rebuilds the index", async () => {
    const file = await databaseAtVersion23();
    const db = new Database(file);
    db.prepare("INSERT INTO source_state (key, value, saved_at) VALUES (?, ?, ?)").run(
      BULK_LOAD_KEY,
      JSON.stringify({ seq: 3, stale: false }),
      "2026-11-28T00:00:00.000Z",
    );
    db.close();
    const stores = openSqliteStores(file);
    await stores.papers.close();

    const after = new Database(file);
    const mark = after.prepare("SELECT value FROM source_state WHERE key = ?").pluck().get(BULK_LOAD_KEY);
    expect(JSON.parse(String(mark))).toEqual({ seq: 3, stale: true });
    // The index still holds the old text: the rebuild a stale load ends with makes it whole.
    expect(() =>
      after.exec("INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)"),
    ).toThrow();
    after.exec("INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')");
    after.prepare("DELETE FROM source_state WHERE key = ?").run(BULK_LOAD_KEY);
    after.close();
    integrityCheck(file);
    expect(await authorIds(file, "author:lukasz")).toEqual(["2509.00001"]);
  });
});
