import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { describeInputFile } from "../../src/ingest/input-file.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { ARXIVER_DIR, readJson, tempDir } from "../ingest/helpers.js";
import { runCli, startCli } from "./run-cli.js";

const file = path.join(ARXIVER_DIR, "papers/2024.jsonl.gz");
const lines = readJson<{ per_file: Record<string, number> }>(path.join(ARXIVER_DIR, "stats.json")).per_file[
  "2024"
]!;

/** Polls the checkpoint the running import commits with each batch, from a second connection. */
async function waitForCheckpoint(databasePath: string, key: string, atLeast: number): Promise<number> {
  while (!fs.existsSync(`${databasePath}-wal`)) await sleep(20);
  await sleep(200); // the schema is created right after the file; let that transaction finish
  const store = openSqliteStore(databasePath);
  try {
    for (;;) {
      const line = (await store.getCheckpoint(key))?.line ?? null;
      if (line !== null && line >= atLeast) return line;
      await sleep(10);
    }
  } finally {
    await store.close();
  }
}

describe("an import killed with SIGKILL", () => {
  it("resumes after its last committed batch and ends with exactly the database of one clean run", async () => {
    const killedDir = tempDir();
    const databasePath = path.join(killedDir, "paperpulse.db");
    const { checkpointKey } = await describeInputFile(file);

    // --no-embed: the write phase is what resumes; embedding is tested on its own.
    const run = startCli(["import", file, "--batch-size", "500", "--no-embed"], killedDir);
    const committed = await waitForCheckpoint(databasePath, checkpointKey, 1_000);
    run.child.kill("SIGKILL");
    const killed = await run.done;
    expect(killed.signal).toBe("SIGKILL");

    const resumed = await runCli(["import", file, "--batch-size", "500", "--no-embed"], killedDir);
    expect(resumed.code).toBe(0);
    const resumedAt = Number(
      /resuming .*2024\.jsonl\.gz at line ([\d,]+)/.exec(resumed.stderr)?.[1]?.replace(/,/g, ""),
    );
    expect(resumedAt).toBeGreaterThan(committed);
    expect(resumedAt).toBeLessThanOrEqual(lines);
    const read = Number(/2024\.jsonl\.gz\s+([\d,]+)/.exec(resumed.stdout)![1]!.replace(/,/g, ""));
    expect(read).toBe(lines - resumedAt + 1);

    const cleanDir = tempDir();
    expect((await runCli(["import", file, "--no-embed"], cleanDir)).code).toBe(0);

    const killedExport = path.join(killedDir, "export.jsonl");
    const cleanExport = path.join(cleanDir, "export.jsonl");
    expect((await runCli(["export", killedExport], killedDir)).code).toBe(0);
    expect((await runCli(["export", cleanExport], cleanDir)).code).toBe(0);
    const exported = fs.readFileSync(killedExport);
    expect(exported.toString("utf8").split("\n").length - 1).toBe(lines);
    expect(exported.equals(fs.readFileSync(cleanExport))).toBe(true);

    // The import into the empty database was a bulk load: the resumed run built the whole search index.
    // The integrity check with rank 1 compares the index with every row of the papers table.
    const db = new Database(databasePath);
    try {
      const check = () => db.exec("INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)");
      expect(check).not.toThrow();
      expect(db.prepare("SELECT count(*) FROM source_state").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  }, 120_000); // three real CLI imports and two exports: on a shared 2-core machine, over a minute
});
