import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { tempDir } from "../ingest/helpers.js";
import { atomFeed, testArxivId } from "../support/atom-feed.js";
import { type FixtureServer, requestGaps, startFixtureServer } from "../support/fixture-server.js";
import { runCli } from "./run-cli.js";

const INTERVAL_MS = 100;
const MISSING = testArxivId(42);

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A hand-made API that has every requested id except MISSING (no recording has 100+ ids). */
async function startApi(): Promise<FixtureServer> {
  server = await startFixtureServer([
    { path: "/down/query", responses: [{ status: 503, headers: { "retry-after": "0" }, body: "down" }] },
    {
      path: "/api/query",
      responses: (request) => {
        const ids = (request.query.get("id_list") ?? "").split(",").filter((id) => id !== MISSING);
        return { status: 200, body: atomFeed({ entries: ids.map((id) => ({ id: `${id}v1` })) }) };
      },
    },
  ]);
  return server;
}

function settings(api: FixtureServer, route = "/api/query", contact = "ops@example.org") {
  return {
    PAPERPULSE_ARXIV_API_URL: `${api.url}${route}`,
    PAPERPULSE_ARXIV_INTERVAL_MS: String(INTERVAL_MS),
    PAPERPULSE_CONTACT_EMAIL: contact,
  };
}

async function storedCount(dataDir: string): Promise<number> {
  const store = openSqliteStore(path.join(dataDir, "paperpulse.db"));
  try {
    return await store.countPapers();
  } finally {
    await store.close();
  }
}

describe("paperpulse lookup", () => {
  it("stores the papers, reports progress and exits 0 when every id is found", async () => {
    const api = await startApi();
    const dataDir = tempDir();
    const result = await runCli(
      ["lookup", testArxivId(1), `https://arxiv.org/abs/${testArxivId(2)}v3`],
      dataDir,
      settings(api),
    );
    expect(result.stderr).toBe("batch 1/1: 2 of 2 found\n");
    expect(result.stdout).toMatch(/^found 2 of 2 papers: 2 new, 0 updated, 0 unchanged, in [\d.]+ s\n$/);
    expect(result.code).toBe(0);
    expect(api.requests[0]!.headers["user-agent"]).toMatch(
      /^PaperPulse\/\d+\.\d+\.\d+ \(.*mailto:ops@example\.org\)$/,
    );
    expect(await storedCount(dataDir)).toBe(2);
  });

  it("exits 2 listing missing and invalid ids, batching 100 per request at the configured interval", async () => {
    const api = await startApi();
    const dataDir = tempDir();
    const ids = Array.from({ length: 150 }, (_, i) => testArxivId(i + 1));
    const result = await runCli(["lookup", ...ids, "nonsense"], dataDir, settings(api));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'not arXiv ids: "nonsense"\nbatch 1/2: 99 of 100 found\nbatch 2/2: 50 of 50 found\n',
    );
    expect(result.stdout).toContain("found 149 of 150 papers: 149 new");
    expect(result.stdout).toContain(`not on arXiv: ${MISSING}\n`);
    expect(result.stdout).toContain('not arXiv ids: "nonsense"\n');
    expect(api.requests).toHaveLength(2);
    expect(requestGaps(api.requests)[0]).toBeGreaterThanOrEqual(INTERVAL_MS - 5);
    expect(await storedCount(dataDir)).toBe(149);
  });

  it("exits 1 with the cause when arXiv stays unavailable, warning when no contact address is set", async () => {
    const api = await startApi();
    const result = await runCli(["lookup", testArxivId(1)], tempDir(), settings(api, "/down/query", ""));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("warning: PAPERPULSE_CONTACT_EMAIL is not set");
    expect(result.stderr).toContain("arXiv: HTTP 503; retrying in 0.0 s");
    expect(result.stderr).toMatch(
      /paperpulse lookup: GET http:\/\/127\.0\.0\.1:\d+\/down\/query\?\S+ failed after 5 attempts; last: HTTP 503\n$/,
    );
    expect(api.requests).toHaveLength(5);
    expect(api.requests[0]!.headers["user-agent"]).not.toContain("mailto:");
  });

  it("names invalid ids before any request, and makes none when no id is valid", async () => {
    const api = await startApi();
    const failed = await runCli(
      ["lookup", testArxivId(1), "arXiv:nonsense"],
      tempDir(),
      settings(api, "/down/query"),
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr.startsWith('not arXiv ids: "arXiv:nonsense"\n')).toBe(true);

    const before = api.requests.length;
    const nothing = await runCli(["lookup", "nonsense", "2509"], tempDir(), settings(api, "/api/query", ""));
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toBe('not arXiv ids: "nonsense" "2509"\n');
    expect(nothing.stdout).toBe("");
    expect(api.requests).toHaveLength(before);
  });
});
