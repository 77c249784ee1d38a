import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { sql as mergedPapers } from "../../../src/store/sqlite/migrations/0025-merged-papers.js";
import { openSqliteStores } from "../../../src/store/sqlite/open-stores.js";
import { MERGED_INTO_AFTER_MIGRATION, writeMergeHistory } from "../../support/merge-history.js";

/** Migration 0025 reads the merges made before it from the audit log. */
describe("SQLite migration 0025 (merged papers)", () => {
  it("gives each duplicate still hidden since its merge the paper kept, and no other hidden paper one", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-0025-")), "paperpulse.db");
    const stores = openSqliteStores(file);
    await writeMergeHistory(stores);
    await stores.papers.close();

    const db = new Database(file);
    db.exec("ALTER TABLE hidden_papers DROP COLUMN merged_into");
    db.transaction(() => db.exec(mergedPapers))();
    const rows = db
      .prepare(
        "SELECT p.id, h.merged_into FROM hidden_papers h JOIN papers p ON p.rowid = h.paper_key ORDER BY p.id",
      )
      .all();
    db.close();
    expect(rows).toEqual(MERGED_INTO_AFTER_MIGRATION);
  });
});
