import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrate } from "../../src/store/sqlite/migrate.js";
import { SqliteJobQueue } from "../../src/store/sqlite/sqlite-job-queue.js";
import { describeJobQueueContract } from "./job-queue-contract.js";

describeJobQueueContract("SQLite", async () => {
  const directory = mkdtempSync(path.join(tmpdir(), "paperpulse-queue-"));
  const file = path.join(directory, "jobs.db");
  const connections = [new Database(file)];
  connections[0]!.pragma("journal_mode = WAL");
  migrate(connections[0]!);
  return {
    queue: new SqliteJobQueue(connections[0]!),
    async worker() {
      const db = new Database(file);
      connections.push(db);
      return new SqliteJobQueue(db);
    },
    async close() {
      for (const db of connections) db.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});
