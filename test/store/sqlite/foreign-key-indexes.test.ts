import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openSqliteStores } from "../../../src/store/sqlite/open-stores.js";

/**
 * Deleting a row that others reference (an account, a comment with replies, a table rebuilt by a
 * migration) looks the references up by the referencing column: without an index leading with it, each
 * deleted row reads the whole referencing table.
 */
describe("SQLite schema", () => {
  it("indexes the column of every foreign key", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-fk-")), "paperpulse.db");
    const stores = openSqliteStores(file);
    await stores.papers.close();
    const db = new Database(file, { readonly: true });
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    const unindexed: string[] = [];
    for (const table of tables) {
      const columns = db.pragma(`table_info("${table}")`) as { name: string; type: string; pk: number }[];
      const rowidAlias = columns.find((column) => column.pk === 1 && column.type.toUpperCase() === "INTEGER");
      const leading = new Set(
        (db.pragma(`index_list("${table}")`) as { name: string }[]).map(
          (index) => (db.pragma(`index_info("${index.name}")`) as { name: string }[])[0]?.name,
        ),
      );
      if (rowidAlias) leading.add(rowidAlias.name);
      for (const key of db.pragma(`foreign_key_list("${table}")`) as { from: string; table: string }[]) {
        if (!leading.has(key.from)) unindexed.push(`${table}.${key.from} -> ${key.table}`);
      }
    }
    db.close();
    expect(tables).toContain("comments");
    expect(unindexed).toEqual([]);
  });
});
