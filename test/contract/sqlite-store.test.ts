import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { describePaperStoreContract } from "./paper-store-contract.js";

describePaperStoreContract("SQLite", async (options) => openSqliteStore(":memory:", options));

const OPEN_STORE_ONCE = fileURLToPath(new URL("../support/open-store-once.ts", import.meta.url));

function runNode(args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
    child.on("close", resolve);
  });
}

describe("SQLite migrations", () => {
  it("are applied once when several processes open a new database at the same time", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-migrate-")), "paperpulse.db");
    const openers = Array.from({ length: 4 }, () => runNode(["--import", "tsx", OPEN_STORE_ONCE, file]));
    expect(await Promise.all(openers)).toEqual([0, 0, 0, 0]);
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT version FROM schema_migrations").pluck().all()).toEqual([1, 2]);
    db.close();
  });
});
