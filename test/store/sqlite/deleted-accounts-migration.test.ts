import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate } from "../../../src/store/sqlite/migrate.js";
import { sql as deletedAccounts } from "../../../src/store/sqlite/migrations/0021-deleted-accounts.js";
import { openSqliteStores } from "../../../src/store/sqlite/open-stores.js";
import { makePaperInput } from "../../support/paper-factory.js";

const T0 = "2025-09-12T10:00:00.000Z";

/** Migration 0021 rebuilds two tables in place; what they held must come through unchanged. */
describe("SQLite migration 0021 (deleted accounts)", () => {
  it("keeps every comment and audit entry, their rowid order and their references, and lets authors go", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-0021-")), "paperpulse.db");
    const stores = await openSqliteStores(file);
    await stores.papers.upsertPapers([makePaperInput({ id: "2509.00001" })]);
    const { accounts, comments } = stores.community;
    const ada = await accounts.ensureUser({
      id: "ada",
      email: "ada@example.org",
      role: "user",
      createdAt: T0,
    });
    const base = { paperId: "2509.00001", userId: ada.id, createdAt: T0 };
    await comments.addComment({ ...base, id: "c2", parentId: null, body: "parent" });
    await comments.addComment({ ...base, id: "c1", parentId: "c2", body: "reply" });
    const audit = {
      actorId: ada.id,
      action: "comment.hide",
      targetType: "comment" as const,
      reason: "r",
      at: T0,
    };
    for (const id of ["z", "a", "m"]) await comments.recordAudit({ ...audit, id, targetId: "c1" });
    await stores.papers.close();

    const db = new Database(file);
    db.pragma("foreign_keys = ON");
    const snapshot = () => ({
      comments: db.prepare("SELECT rowid, * FROM comments ORDER BY rowid").all(),
      audit: db.prepare("SELECT rowid, * FROM audit_log ORDER BY rowid").all(),
    });
    const before = snapshot();
    // Applied to a database that has it already: the rebuild itself is what is under test.
    db.transaction(() => db.exec(deletedAccounts))();
    expect(snapshot()).toEqual(before);
    expect(db.pragma("foreign_key_check")).toEqual([]);
    const notNull = (table: string, column: string) =>
      (db.pragma(`table_info(${table})`) as { name: string; notnull: number }[]).find(
        (c) => c.name === column,
      )?.notnull;
    expect([notNull("comments", "user_id"), notNull("audit_log", "actor_id")]).toEqual([0, 0]);
    const indexes = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('comments', 'audit_log') AND sql IS NOT NULL ORDER BY name",
      )
      .pluck()
      .all();
    expect(indexes).toEqual([
      "audit_log_by_actor",
      "audit_log_by_time",
      "comments_by_paper",
      "comments_by_user",
    ]);
    db.prepare("DELETE FROM users WHERE id = 'ada'").run();
    expect(db.prepare("SELECT count(*) FROM comments WHERE user_id IS NULL").pluck().get()).toBe(2);
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE actor_id IS NULL").pluck().get()).toBe(3);
    db.close();
  });

  it("on a database made at version 20, keeps every other schema entry as it was and every index of the rebuilt tables", () => {
    const db = new Database(":memory:");
    db.pragma("foreign_keys = ON");
    migrate(db, 20);
    type Entry = { type: string; name: string; tbl_name: string; sql: string | null };
    const schema = () =>
      new Map(
        (
          db
            .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name <> 'schema_migrations'")
            .all() as Entry[]
        ).map((entry) => [entry.name, entry]),
      );
    const before = schema();
    expect(migrate(db, 22)).toEqual([21, 22]);
    const after = schema();

    const changed = [...before.values()]
      .filter((entry) => after.get(entry.name)?.sql !== entry.sql)
      .map((entry) => entry.name);
    // Every entry (tables, indexes; the schema has no triggers or views) is compared: only the two
    // rebuilt tables read differently (user_id / actor_id nullable, ON DELETE SET NULL).
    expect(changed.sort()).toEqual(["audit_log", "comments"]);
    const added = [...after.keys()].filter((name) => !before.has(name)).sort();
    expect(added).toEqual(["audit_log_by_actor", "comments_by_parent", "comments_by_user"]);
    const keys = (table: string) =>
      (db.pragma(`foreign_key_list(${table})`) as { table: string; from: string; on_delete: string }[])
        .map((key) => `${key.from} -> ${key.table} ${key.on_delete}`)
        .sort();
    expect(keys("comments")).toEqual([
      "paper_id -> papers NO ACTION",
      "parent_id -> comments NO ACTION",
      "user_id -> users SET NULL",
    ]);
    expect(keys("audit_log")).toEqual(["actor_id -> users SET NULL"]);
    expect(db.pragma("foreign_key_check")).toEqual([]);
    db.close();
  });
});
