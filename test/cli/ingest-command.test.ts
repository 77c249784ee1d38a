import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { IngestRun } from "../../src/store/store.js";
import { CS_LG_FRIDAY, FRIDAY } from "../ingest/arxiv/announcement-fixtures.js";
import { LIST_PAPER_IDS, listRoute, OAI_PATH } from "../ingest/arxiv/oai-pmh-fixtures.js";
import { tempDir } from "../ingest/helpers.js";
import { type FixtureResponse, type FixtureServer, startFixtureServer } from "../support/fixture-server.js";
import { runCli } from "./run-cli.js";

// `paperpulse ingest` end to end against a local server replaying the hand-written three-page OAI-PMH
// list and the cs.LG Friday feed (test/ingest/fixtures/*/README.md: written by hand, none was recorded).

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(feedResponses: FixtureResponse[]): Promise<Record<string, string>> {
  server = await startFixtureServer([listRoute(), { path: "/atom/cs.LG", responses: feedResponses }]);
  return {
    PAPERPULSE_ARXIV_OAI_URL: `${server.url}${OAI_PATH}`,
    PAPERPULSE_ARXIV_FEED_URL: `${server.url}/atom`,
    PAPERPULSE_ARXIV_API_URL: `${server.url}/api/query`,
    PAPERPULSE_CATEGORIES: "cs.LG",
    PAPERPULSE_CONTACT_EMAIL: "ops@example.org",
    PAPERPULSE_ARXIV_INTERVAL_MS: "5",
  };
}

async function recordedRuns(dataDir: string): Promise<IngestRun[]> {
  const store = openSqliteStore(`${dataDir}/paperpulse.db`);
  try {
    return await store.recentIngestRuns(10);
  } finally {
    await store.close();
  }
}

describe("paperpulse ingest", () => {
  it("harvests the set and reads the announcements with progress and a summary; exit 2 for the rejected record", async () => {
    const env = await serve([{ status: 200, body: CS_LG_FRIDAY }]);
    const dataDir = tempDir();
    const result = await runCli(["ingest"], dataDir, env);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("harvest:arXiv:cs: started");
    expect(result.stderr).toContain("harvest:arXiv:cs page 1: 3 records (3 new,");
    expect(result.stderr).toContain("oai:arXiv.org:2501.00005 (page 2): missing <title>");
    expect(result.stderr).toContain(`cs.LG ${FRIDAY}: 2 new, 1 cross, 2 replaced`);
    expect(result.stdout).toContain(
      "harvest:arXiv:cs: succeeded (3 pages, 9 records, 7 inserted, 0 updated, 0 unchanged, 1 deleted, 1 rejected)",
    );
    expect(result.stdout).toMatch(/^announcements: succeeded \(2 new, 1 cross, .*3 listed/m);
    expect(result.stdout).toMatch(
      /^announcements: succeeded \(.*2 replaced,.*2 skipped \(replaced, not stored here\)\)$/m,
    );
    expect(result.stdout).not.toMatch(/notStored|\d replace\b/);
    // The harvest's papers were just read from arXiv, so none is stale.
    expect(result.stdout).toMatch(/^refresh: succeeded \(0 due,/m);
    expect(result.stdout).toMatch(/^ingest: 3 sources run, 0 failed, in /m);

    const runs = await recordedRuns(dataDir);
    expect(runs.map((run) => `${run.source} ${run.status}`)).toEqual([
      "refresh succeeded",
      "announcements succeeded",
      "harvest:arXiv:cs succeeded",
    ]);
    const store = openSqliteStore(`${dataDir}/paperpulse.db`);
    try {
      expect((await store.papersAfter(null, 100)).map((paper) => paper.id)).toEqual(
        expect.arrayContaining(LIST_PAPER_IDS),
      );
    } finally {
      await store.close();
    }
  });

  it("a feed that keeps failing exits 1; the harvest and the refresh still ran and every run is recorded", async () => {
    const env = await serve([{ status: 503, headers: { "retry-after": "0" }, body: "busy" }]);
    const dataDir = tempDir();
    const result = await runCli(["ingest", "--quiet"], dataDir, env);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /paperpulse ingest: announcements: failed .*: cs\.LG: GET .* failed after 5 attempts/,
    );
    expect(result.stderr).not.toContain("started");
    expect(result.stdout).toContain("harvest:arXiv:cs: succeeded");
    expect(result.stdout).toMatch(/^ingest: 3 sources run, 1 failed/m);
    expect((await recordedRuns(dataDir)).map((run) => run.status)).toEqual([
      "succeeded",
      "failed",
      "succeeded",
    ]);
  });
});
