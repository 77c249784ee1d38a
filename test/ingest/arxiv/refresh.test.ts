import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runDailyIngest } from "../../../src/ingest/arxiv/daily-ingest.js";
import { createPoliteHttpClient } from "../../../src/ingest/arxiv/polite-http-client.js";
import { type RefreshOptions, refreshStalePapers, staleRule } from "../../../src/ingest/arxiv/refresh.js";
import type { PaperStore } from "../../../src/store/store.js";
import { atomFeed } from "../../support/atom-feed.js";
import {
  type FixtureServer,
  type RecordedRequest,
  startFixtureServer,
} from "../../support/fixture-server.js";
import { makePaperInput } from "../../support/paper-factory.js";
import { openTempStore, tempDir } from "../helpers.js";

// Against a local server generating arXiv API (Atom) answers: no recording has a refresh-sized id_list.

const NOW = new Date("2025-09-20T02:00:00.000Z");
const now = () => NOW;

const client = () =>
  createPoliteHttpClient({
    userAgent: "PaperPulse/test",
    minIntervalMs: 10,
    timeoutMs: 2_000,
    maxAttempts: 2,
    backoffBaseMs: 10,
  });

/** Every id asked for comes back at v2, revised, with both versions dated. */
function revisingApi(request: RecordedRequest) {
  const ids = (request.query.get("id_list") ?? "").split(",");
  const entries = ids.map((id) => ({
    id: `${id}v2`,
    title: `Revised ${id}`,
    published: "2025-01-02T10:00:00Z",
    updated: "2025-09-18T10:00:00Z",
  }));
  return { status: 200, body: atomFeed({ entries }) };
}

let server: FixtureServer | undefined;
let store: PaperStore;
beforeEach(() => {
  store = openTempStore(tempDir());
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await store.close();
});

async function refreshOptions(limit = 1_000): Promise<RefreshOptions> {
  server = await startFixtureServer([{ path: "/api/query", responses: revisingApi }]);
  return { apiUrl: `${server.url}/api/query`, windowDays: 14, afterDays: 3, limit };
}

const recent = (n: number) =>
  makePaperInput({ id: `2509.${String(n).padStart(5, "0")}`, listingDay: "2025-09-15" });

describe("staleRule", () => {
  it("reads the window back from today and the freshness back from now", () => {
    expect(staleRule({ windowDays: 14, afterDays: 3, limit: 5 }, NOW)).toEqual({
      listedSince: "2025-09-06",
      fetchedBefore: "2025-09-17T02:00:00.000Z",
      limit: 5,
    });
  });
});

describe("refreshStalePapers", () => {
  it("asks the API for stale papers in id_lists of 100, merges the answers and stamps them fresh", async () => {
    const stale = Array.from({ length: 250 }, (_, i) => recent(i + 1));
    const old = makePaperInput({ id: "2401.00001", listingDay: "2024-01-03" });
    const fresh = recent(900);
    await store.upsertPapers([...stale, old]);
    await store.upsertPapers([fresh], { fetchedAt: "2025-09-19T00:00:00.000Z" });
    const options = await refreshOptions();

    const { summary, dueIds } = await refreshStalePapers(store, client(), options, { now });

    expect(dueIds).toHaveLength(250);
    expect(summary).toEqual({
      due: 250,
      found: 250,
      missing: 0,
      rejected: 0,
      inserted: 0,
      updated: 250,
      unchanged: 0,
      interrupted: false,
    });
    const lists = server!.requests.map((request) => request.query.get("id_list")!.split(","));
    expect(lists.map((ids) => ids.length)).toEqual([100, 100, 50]);
    expect(lists.flat().sort()).toEqual(stale.map((paper) => paper.id).sort());
    const revised = await store.getPaper("2509.00001");
    expect(revised?.title).toBe("Revised 2509.00001");
    expect(revised?.latestVersion).toBe(2);
    expect(revised?.day).toBe("2025-09-15");

    const again = await refreshStalePapers(store, client(), options, { now });
    expect(again.summary.due).toBe(0);
    expect(server!.requests).toHaveLength(3);
  });

  it("refreshes a replaced paper of any age first, and respects the limit", async () => {
    const replaced = makePaperInput({
      id: "2401.00002",
      listingDay: "2024-01-03",
      versions: [
        { version: 1, createdAt: "2024-01-02T00:00:00.000Z" },
        { version: 2, createdAt: null },
      ],
    });
    await store.upsertPapers([recent(1), recent(2), replaced]);
    const options = await refreshOptions(2);

    const { summary, dueIds } = await refreshStalePapers(store, client(), options, { now });
    expect(dueIds[0]).toBe("2401.00002");
    expect(summary).toMatchObject({ due: 2, found: 2, updated: 2 });
    const paper = await store.getPaper("2401.00002");
    expect(paper?.versions).toEqual([
      { version: 1, createdAt: "2024-01-02T00:00:00.000Z" },
      { version: 2, createdAt: "2025-09-18T10:00:00.000Z" },
    ]);
    expect((await refreshStalePapers(store, client(), options, { now, dryRun: true })).dueIds).toHaveLength(
      1,
    );
  });

  it("only lists the papers due in a dry run", async () => {
    await store.upsertPapers([recent(1), recent(2)]);
    const options = await refreshOptions();
    const { summary, dueIds } = await refreshStalePapers(store, client(), options, { now, dryRun: true });
    expect(dueIds.sort()).toEqual(["2509.00001", "2509.00002"]);
    expect(summary).toMatchObject({ due: 2, found: 0, updated: 0 });
    expect(server!.requests).toHaveLength(0);
    expect((await store.getPaper("2509.00001"))?.title).not.toContain("Revised");
  });
});

describe("the daily ingest's refresh step", () => {
  it("runs after the other sources and is recorded in the ingest log with its counts", async () => {
    await store.upsertPapers([recent(1), recent(2)]);
    const refresh = await refreshOptions();
    const runs = await runDailyIngest(
      store,
      client(),
      {
        oaiUrl: `${server!.url}/oai`,
        feedUrl: `${server!.url}/atom`,
        categories: [],
        sets: [],
        firstHarvestDays: 7,
        refresh,
      },
      { now },
    );
    expect(runs.map((run) => `${run.source} ${run.status}`)).toEqual([
      "announcements succeeded",
      "refresh succeeded",
    ]);
    const [logged] = await store.recentIngestRuns(1);
    expect(logged).toMatchObject({ source: "refresh", status: "succeeded" });
    expect(logged!.summary).toMatchObject({ due: 2, found: 2, updated: 2, missing: 0 });
  });

  it("records a failed refresh when the API keeps failing, without losing the other sources", async () => {
    await store.upsertPapers([recent(1)]);
    server = await startFixtureServer([
      { path: "/api/query", responses: [{ status: 503, headers: { "retry-after": "0" }, body: "busy" }] },
    ]);
    const refresh = { apiUrl: `${server.url}/api/query`, windowDays: 14, afterDays: 3, limit: 10 };
    const runs = await runDailyIngest(
      store,
      client(),
      {
        oaiUrl: `${server.url}/oai`,
        feedUrl: `${server.url}/atom`,
        categories: [],
        sets: [],
        firstHarvestDays: 7,
        refresh,
      },
      { now },
    );
    expect(runs.map((run) => `${run.source} ${run.status}`)).toEqual([
      "announcements succeeded",
      "refresh failed",
    ]);
    expect(runs[1]!.error).toMatch(/503/);
    expect(await refreshStalePapers(store, client(), refresh, { now, dryRun: true })).toMatchObject({
      dueIds: ["2509.00001"],
    });
  });
});
