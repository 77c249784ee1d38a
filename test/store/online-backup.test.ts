import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSearchQuery } from "../../src/core/search-query.js";
import { backupSqliteDatabase } from "../../src/store/sqlite/online-backup.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { tempDir } from "../ingest/helpers.js";
import { makePaperInput } from "../support/paper-factory.js";

describe("SQLite online backup", () => {
  it("copies a database that stays open and in use, and the copy reads back the same papers", async () => {
    const dir = tempDir();
    const databasePath = path.join(dir, "paperpulse.db");
    const store = openSqliteStore(databasePath);
    try {
      await store.upsertPapers([
        makePaperInput({ id: "2509.00042", title: "Locality as an inductive bias" }),
        ...Array.from({ length: 299 }, () => makePaperInput()),
      ]);
      const progress: { totalPages: number; remainingPages: number }[] = [];
      const destination = path.join(dir, "backup.db");
      const result = await backupSqliteDatabase(databasePath, destination, (step) => progress.push(step));
      // The server's connection still writes after the backup: the copy is a snapshot, the original lives on.
      await store.upsertPapers([makePaperInput()]);

      expect(result.papers).toBe(300);
      // Copied in steps, each reported with the database's size in pages (the CLI's bar).
      expect(progress[0]?.totalPages).toBeGreaterThan(50);
      // Nothing beside the backup: no partial file, nor the log and index that reading it made.
      expect(fs.readdirSync(dir).filter((name) => name.startsWith("backup.db"))).toEqual(["backup.db"]);
      const copy = openSqliteStore(destination);
      try {
        expect(await copy.countPapers()).toBe(300);
        // The search index came along: the copy is a working instance, not only rows.
        const found = await copy.search({
          query: parseSearchQuery("inductive locality"),
          limit: 5,
          offset: 0,
        });
        expect(found.hits.map((hit) => hit.paper.id)).toEqual(["2509.00042"]);
      } finally {
        await copy.close();
      }
      expect(await store.countPapers()).toBe(301);
    } finally {
      await store.close();
    }
  });

  it("refuses to overwrite the database with itself and leaves no partial file when it fails", async () => {
    const dir = tempDir();
    const databasePath = path.join(dir, "paperpulse.db");
    const store = openSqliteStore(databasePath);
    await store.close();
    await expect(backupSqliteDatabase(databasePath, databasePath)).rejects.toThrow(/another file/);
    await expect(backupSqliteDatabase(path.join(dir, "missing.db"), path.join(dir, "b.db"))).rejects.toThrow(
      /no database/,
    );
    const unwritable = path.join(dir, "no-such-folder", "backup.db");
    await expect(backupSqliteDatabase(databasePath, unwritable)).rejects.toThrow();
    await expect(backupSqliteDatabase(databasePath, dir)).rejects.toThrow(
      /is a folder: name the backup file/,
    );
    expect(fs.readdirSync(dir).filter((name) => name.includes(".partial"))).toEqual([]);
  });
});
