import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { tempDir } from "../ingest/helpers.js";
import { makePaperInput } from "../support/paper-factory.js";
import { runCli } from "./run-cli.js";

describe("paperpulse backup", () => {
  it("writes a verified copy of the embedded database and says what it holds", async () => {
    const dataDir = tempDir();
    const store = openSqliteStore(path.join(dataDir, "paperpulse.db"));
    await store.upsertPapers([makePaperInput(), makePaperInput(), makePaperInput()]);
    await store.close();
    const destination = path.join(tempDir(), "nightly.db");

    const result = await runCli(["backup", destination], dataDir);

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^backed up 3 papers \(\d+ MiB\) to .*nightly\.db in /);
    const copy = openSqliteStore(destination);
    expect(await copy.countPapers()).toBe(3);
    await copy.close();
  });

  it("points a PostgreSQL instance to pg_dump and fails", async () => {
    const dataDir = tempDir();
    const destination = path.join(dataDir, "copy.db");
    const result = await runCli(["backup", destination], dataDir, {
      PAPERPULSE_DATABASE_URL: "postgres://paperpulse@127.0.0.1:5432/paperpulse",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/pg_dump/);
    expect(fs.existsSync(destination)).toBe(false);
  });
});
