import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import {
  CS_AI_FRIDAY_RSS,
  CS_LG_FRIDAY,
  CS_LG_WEEKEND,
  FRIDAY,
} from "../ingest/arxiv/announcement-fixtures.js";
import { tempDir } from "../ingest/helpers.js";
import { type FixtureServer, startFixtureServer } from "../support/fixture-server.js";
import { runCli } from "./run-cli.js";

// `paperpulse announcements` end to end against a local server replaying the hand-written feeds
// (test/ingest/fixtures/announcements/README.md: no real arXiv feed was recorded).

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serveFeeds(feeds: Record<string, string>): Promise<Record<string, string>> {
  server = await startFixtureServer(
    Object.entries(feeds).map(([category, body]) => ({
      path: `/atom/${category}`,
      responses: [
        { status: 503, headers: { "retry-after": "0" }, body: "busy" },
        { status: 200, body },
      ],
    })),
  );
  return {
    PAPERPULSE_ARXIV_FEED_URL: `${server.url}/atom`,
    PAPERPULSE_CONTACT_EMAIL: "ops@example.org",
    PAPERPULSE_ARXIV_INTERVAL_MS: "5",
  };
}

async function dayPage(dataDir: string, day: string): Promise<string[]> {
  const store = openSqliteStore(`${dataDir}/paperpulse.db`);
  try {
    const page = await store.listPapers({ from: day, to: day, sort: "date", limit: 100, offset: 0 });
    return page.papers.map((paper) => paper.id).sort();
  } finally {
    await store.close();
  }
}

describe("paperpulse announcements", () => {
  it("reads the configured categories with progress and a summary; exit 2 for the rejected entry", async () => {
    const env = await serveFeeds({ "cs.LG": CS_LG_FRIDAY, "cs.AI": CS_AI_FRIDAY_RSS });
    const dataDir = tempDir();
    const result = await runCli(["announcements"], dataDir, {
      ...env,
      PAPERPULSE_CATEGORIES: "cs.LG,cs.AI",
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("retrying in");
    expect(result.stderr).toContain(
      `cs.LG ${FRIDAY}: 2 new, 1 cross, 2 replaced; 3 inserted, 0 updated, 0 unchanged; 3 listed, 0 rejected; skipped (replaced, not stored here): 2`,
    );
    expect(result.stderr).toContain("cs.AI entry 3 (oai:arXiv.org:2509.10007v1): empty title");
    expect(result.stdout).toMatch(
      new RegExp(`^announcements ${FRIDAY}: 2 feeds \\(2 announced, 0 empty, 0 failed\\); 3 new, 2 cross`),
    );
    // The time stands apart from the last count, not read as "2 in 0.1 s".
    expect(result.stdout).toMatch(/skipped \(replaced, not stored here\): 2; in [\d.]+ s$/m);
    expect(await dayPage(dataDir, FRIDAY)).toEqual(["2509.10001", "2509.10002", "2509.10003", "2509.10006"]);
    expect(server!.requests[0]!.headers["user-agent"]).toContain("mailto:ops@example.org");

    const again = await runCli(["announcements", "--category", "cs.LG"], dataDir, env);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`cs.LG ${FRIDAY}, seen before: 2 new, 1 cross, 2 replaced; 0 inserted`);
  });

  it("an empty weekend feed exits 0", async () => {
    const env = await serveFeeds({ "cs.LG": CS_LG_WEEKEND });
    const result = await runCli(["announcements", "--category", "cs.LG"], tempDir(), env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("cs.LG: no announcements on 2025-09-13 (weekend or holiday)");
  });

  it("a category whose feed fails exits 1, after reading the others", async () => {
    const env = await serveFeeds({ "cs.LG": CS_LG_FRIDAY });
    const dataDir = tempDir();
    const result = await runCli(["announcements", "--category", "cs.CV,cs.LG"], dataDir, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/paperpulse announcements: cs\.CV: failed: the feed answered HTTP 404/);
    expect(await dayPage(dataDir, FRIDAY)).toEqual(["2509.10001", "2509.10002", "2509.10003"]);
  });

  it("refuses a code that is not an arXiv category before any request", async () => {
    const env = await serveFeeds({});
    const result = await runCli(["announcements", "--category", "cs.LG,cs.XX"], tempDir(), env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("not arXiv categories: cs.XX");
    expect(server!.requests).toHaveLength(0);
  });
});
