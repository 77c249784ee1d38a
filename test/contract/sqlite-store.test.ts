import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATION_VERSIONS } from "../../src/store/sqlite/migrate.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { makePaperInput } from "../support/paper-factory.js";
import { describePaperStoreContract } from "./paper-store-contract.js";
import { describeSearchFiltersContract } from "./search-filters-contract.js";
import { describeVectorStoreContract } from "./vector-store-contract.js";
import { describeWritePathContract } from "./write-path-contract.js";

describePaperStoreContract("SQLite", async (options) => openSqliteStore(":memory:", options));
describeWritePathContract("SQLite", async () => openSqliteStore(":memory:"));
// A database file: bulk loads build their index in a worker thread (ADR 0018).
describeWritePathContract("SQLite file", async () =>
  openSqliteStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-bulk-")), "paperpulse.db")),
);
describeVectorStoreContract("SQLite", async () => openSqliteStore(":memory:"));

const OPEN_STORE_ONCE = fileURLToPath(new URL("../support/open-store-once.ts", import.meta.url));

function runNode(args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
    child.on("close", resolve);
  });
}

describe("SQLite full-text index", () => {
  it("stays consistent with the papers table through inserts and updates, and can be rebuilt from it", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-fts-")), "paperpulse.db");
    const store = openSqliteStore(file);
    await store.upsertPapers([
      makePaperInput({ id: "2509.00001", authors: ["Ada Lovelace", "Émilie du Châtelet"] }),
      makePaperInput({ id: "hep-th/9901001", listingDay: "1999-01-04" }),
    ]);
    await store.upsertPapers([
      makePaperInput({
        id: "2509.00001",
        authors: ["Grace Hopper"],
        versions: [{ version: 2, createdAt: null }],
      }),
    ]);
    await store.close();
    const db = new Database(file);
    const check = () => db.exec("INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)");
    expect(check).not.toThrow();
    db.exec("INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')");
    expect(check).not.toThrow();
    const byAuthor = db.prepare("SELECT rowid FROM papers_fts WHERE papers_fts MATCH 'hopper'").pluck().all();
    expect(byAuthor).toHaveLength(1);
    db.close();
  });

  it("indexes a paper inserted and revised within one batch once, as finally stored", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-fts-")), "paperpulse.db");
    const store = openSqliteStore(file);
    const first = makePaperInput({ id: "2509.00002", title: "Quokka counting" });
    const revised = makePaperInput({
      id: "2509.00002",
      title: "Wombat counting",
      versions: [{ version: 2, createdAt: "2025-09-20T00:00:00.000Z" }],
    });
    await store.upsertPapers([
      first,
      revised,
      { ...revised, title: "Wombat counting, revised", versions: [{ version: 3, createdAt: null }] },
    ]);
    await store.upsertPapers([
      { ...revised, title: "Numbat counting", versions: [{ version: 4, createdAt: null }] },
    ]);
    await store.close();
    const db = new Database(file);
    expect(() =>
      db.exec("INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)"),
    ).not.toThrow();
    const matches = (word: string) =>
      db.prepare("SELECT count(*) FROM papers_fts WHERE papers_fts MATCH ?").pluck().get(word);
    expect([matches("quokka"), matches("wombat"), matches("numbat")]).toEqual([0, 0, 1]);
    db.close();
  });
});

describe("SQLite migrations", () => {
  it("are applied once when several processes open a new database at the same time", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-migrate-")), "paperpulse.db");
    const openers = Array.from({ length: 4 }, () => runNode(["--import", "tsx", OPEN_STORE_ONCE, file]));
    expect(await Promise.all(openers)).toEqual([0, 0, 0, 0]);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT version FROM schema_migrations").pluck().all()).toEqual([
      ...MIGRATION_VERSIONS,
    ]);
    db.close();
  });
});

describeSearchFiltersContract("SQLite", async () => openSqliteStore(":memory:"));
