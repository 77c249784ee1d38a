import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { addDays } from "../../src/core/calendar.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";
import { tempDir } from "../ingest/helpers.js";
import { atomFeed } from "../support/atom-feed.js";
import { type FixtureServer, startFixtureServer } from "../support/fixture-server.js";
import { makePaperInput } from "../support/paper-factory.js";
import { runCli } from "./run-cli.js";

// The CLI reads the real clock, so the papers are listed on recent days relative to today.
const today = new Date().toISOString().slice(0, 10);
const IDS = ["2509.00001", "2509.00002", "2509.00003"];

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A hand-made API answering every id at v2 with a new title (no recording fits). */
async function startApi(): Promise<FixtureServer> {
  server = await startFixtureServer([
    {
      path: "/api/query",
      responses: (request) => {
        const ids = (request.query.get("id_list") ?? "").split(",");
        const entries = ids.map((id) => ({ id: `${id}v2`, title: `Revised ${id}` }));
        return { status: 200, body: atomFeed({ entries }) };
      },
    },
  ]);
  return server;
}

async function withDataStore<T>(dataDir: string, body: (store: PaperStore) => Promise<T>): Promise<T> {
  const store = openSqliteStore(path.join(dataDir, "paperpulse.db"));
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

async function seed(dataDir: string): Promise<void> {
  await withDataStore(dataDir, (store) =>
    store.upsertPapers(IDS.map((id, i) => makePaperInput({ id, listingDay: addDays(today, -i) }))),
  );
}

const settings = (api: FixtureServer) => ({
  PAPERPULSE_ARXIV_API_URL: `${api.url}/api/query`,
  PAPERPULSE_ARXIV_INTERVAL_MS: "20",
  PAPERPULSE_CONTACT_EMAIL: "ops@example.org",
});

describe("paperpulse refresh", () => {
  it("--dry-run lists the papers due, newest first, and fetches and records nothing", async () => {
    const api = await startApi();
    const dataDir = tempDir();
    await seed(dataDir);
    const result = await runCli(["refresh", "--dry-run"], dataDir, settings(api));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${IDS.join("\n")}\n`);
    expect(result.stderr).toContain("3 papers due (dry run: nothing fetched)");
    expect(api.requests).toHaveLength(0);
    expect(await withDataStore(dataDir, (store) => store.recentIngestRuns(5))).toEqual([]);
  });

  it("--limit refreshes that many in one id_list and records the run for the health page", async () => {
    const api = await startApi();
    const dataDir = tempDir();
    await seed(dataDir);
    const result = await runCli(["refresh", "--limit", "2"], dataDir, settings(api));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^refresh: succeeded \(2 due, 2 found, 2 updated, 0 unchanged, 0 inserted/);
    expect(api.requests.map((request) => request.query.get("id_list"))).toEqual(["2509.00001,2509.00002"]);

    const [run] = await withDataStore(dataDir, (store) => store.recentIngestRuns(5));
    expect(run).toMatchObject({ source: "refresh", status: "succeeded" });
    expect(run!.summary).toMatchObject({ due: 2, found: 2, updated: 2 });
    const titles = await withDataStore(dataDir, async (store) =>
      Promise.all(IDS.map(async (id) => (await store.getPaper(id))?.title)),
    );
    expect(titles.map((title) => title?.startsWith("Revised"))).toEqual([true, true, false]);

    const rest = await runCli(["refresh", "--dry-run"], dataDir, settings(api));
    expect(rest.stdout).toBe("2509.00003\n");
  });

  it("refuses a limit that is not a positive whole number", async () => {
    const result = await runCli(["refresh", "--limit", "0"], tempDir());
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("expected a whole number");
  });
});
