import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { LISTINGS, TABLES_AFTER_PAPERS } from "../../src/store/instance-copy/tables.js";
import { migrate } from "../../src/store/sqlite/migrate.js";

/**
 * `paperpulse migrate` copies the columns each table's spec lists, and verifies the copy over those
 * same columns: a column a migration adds but the spec misses would be lost without any check failing.
 */
describe("the tables an instance copy moves", () => {
  it("list every column of each table as the embedded schema has it", () => {
    const db = new Database(":memory:");
    migrate(db);
    for (const table of [LISTINGS, ...TABLES_AFTER_PAPERS]) {
      const columns = (db.pragma(`table_info("${table.name}")`) as { name: string }[]).map((c) => c.name);
      expect(Object.keys(table.columns).sort(), table.name).toEqual(columns.sort());
    }
    db.close();
  });
});
