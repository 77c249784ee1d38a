import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fetchAnnouncements, sourceStateKey } from "../../../src/ingest/arxiv/announcements.js";
import { createPoliteHttpClient } from "../../../src/ingest/arxiv/polite-http-client.js";
import type { PaperStore } from "../../../src/store/store.js";
import { type FixtureRoute, type FixtureServer, startFixtureServer } from "../../support/fixture-server.js";
import { makePaperInput } from "../../support/paper-factory.js";
import { openTempStore, tempDir } from "../helpers.js";
import { CS_AI_FRIDAY_RSS, CS_LG_FRIDAY, CS_LG_WEEKEND, FRIDAY } from "./announcement-fixtures.js";

// Against a local server replaying the hand-written feeds (fixtures README: no real feed was recorded).

const client = () =>
  createPoliteHttpClient({
    userAgent: "PaperPulse/test",
    minIntervalMs: 10,
    timeoutMs: 2_000,
    maxAttempts: 3,
    backoffBaseMs: 10,
  });

const ok = (body: string) => ({ status: 200, body });

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

async function serve(routes: Record<string, FixtureRoute["responses"]>): Promise<string> {
  server = await startFixtureServer(
    Object.entries(routes).map(([category, responses]) => ({ path: `/atom/${category}`, responses })),
  );
  return `${server.url}/atom`;
}

async function dayPage(day: string): Promise<string[]> {
  const page = await store.listPapers({ from: day, to: day, sort: "date", limit: 100, offset: 0 });
  return page.papers.map((paper) => paper.id).sort();
}

/** 2508.05004 v1 is already stored (listed in August); its Friday replacement brings v2. */
async function storeEarlierVersion(): Promise<void> {
  await store.upsertPapers([
    makePaperInput({
      id: "2508.05004",
      title: "Gradient Noise Scales, Revisited",
      versions: [{ version: 1, createdAt: "2025-08-05T10:00:00.000Z" }],
      publishedAt: "2025-08-05T10:00:00.000Z",
      listingDay: "2025-08-06",
    }),
  ]);
}

describe("fetchAnnouncements", () => {
  it("stores a weekday's new and cross papers on its page and updates replaced papers", async () => {
    await storeEarlierVersion();
    const feedUrl = await serve({ "cs.LG": [ok(CS_LG_FRIDAY)], "cs.AI": [ok(CS_AI_FRIDAY_RSS)] });
    const summary = await fetchAnnouncements(store, client(), { feedUrl, categories: ["cs.LG", "cs.AI"] });

    expect(summary.interrupted).toBe(false);
    const [lg, ai] = summary.categories;
    expect(lg).toMatchObject({
      category: "cs.LG",
      status: "announced",
      day: FRIDAY,
      seenBefore: false,
      new: 2,
      cross: 1,
      replace: 2,
      rejected: 0,
      inserted: 3,
      updated: 1,
      unchanged: 0,
      listed: 3,
      notStored: 1,
    });
    // 2509.10001 is new in cs.LG and a cross-list in cs.AI: stored once, listed once.
    expect(ai).toMatchObject({
      day: FRIDAY,
      new: 1,
      cross: 1,
      rejected: 1,
      inserted: 1,
      unchanged: 1,
      listed: 1,
    });
    expect(ai!.rejects).toEqual([
      { position: 3, entryId: "oai:arXiv.org:2509.10007v1", reason: "empty title" },
    ]);

    expect(await dayPage(FRIDAY)).toEqual(["2509.10001", "2509.10002", "2509.10003", "2509.10006"]);
    const replaced = await store.getPaper("2508.05004");
    expect(replaced).toMatchObject({
      latestVersion: 2,
      title: "Gradient Noise Scales, Revisited (Extended Version)",
      day: "2025-08-06",
    });
    // A replacement of a paper this store lacks has no v1 date: left to the OAI-PMH harvest.
    expect(await store.getPaper("2507.06005")).toBeNull();
    expect(await store.getSourceState(sourceStateKey("cs.LG"))).toBe(FRIDAY);
    expect(await store.getSourceState(sourceStateKey("cs.AI"))).toBe(FRIDAY);
    expect(server!.requests.map((request) => request.path)).toEqual(["/atom/cs.LG", "/atom/cs.AI"]);
  });

  it("running again on the same day changes nothing", async () => {
    await storeEarlierVersion();
    const feedUrl = await serve({ "cs.LG": [ok(CS_LG_FRIDAY)], "cs.AI": [ok(CS_AI_FRIDAY_RSS)] });
    const options = { feedUrl, categories: ["cs.LG", "cs.AI"] };
    await fetchAnnouncements(store, client(), options);
    const before = await store.papersAfter(null, 100);

    const again = await fetchAnnouncements(store, client(), options);
    for (const outcome of again.categories) {
      expect(outcome).toMatchObject({ seenBefore: true, inserted: 0, updated: 0, listed: 0 });
    }
    expect(again.categories.map((outcome) => outcome.unchanged)).toEqual([4, 2]);
    expect(await store.papersAfter(null, 100)).toEqual(before);
  });

  it("skips an empty weekend feed cleanly: nothing stored, no state saved", async () => {
    const feedUrl = await serve({ "cs.LG": [ok(CS_LG_WEEKEND)] });
    const summary = await fetchAnnouncements(store, client(), { feedUrl, categories: ["cs.LG"] });
    expect(summary.categories[0]).toMatchObject({
      status: "empty",
      day: "2025-09-13",
      new: 0,
      inserted: 0,
      listed: 0,
      error: null,
    });
    expect(await store.countPapers()).toBe(0);
    expect(await store.getSourceState(sourceStateKey("cs.LG"))).toBeNull();
  });

  it("retries a 503 politely, then stores the feed", async () => {
    const feedUrl = await serve({
      "cs.LG": [{ status: 503, headers: { "retry-after": "0" }, body: "busy" }, ok(CS_LG_FRIDAY)],
    });
    const summary = await fetchAnnouncements(store, client(), { feedUrl, categories: ["cs.LG"] });
    expect(summary.categories[0]).toMatchObject({ status: "announced", inserted: 3, listed: 3 });
    expect(server!.requests).toHaveLength(2);
    expect(await dayPage(FRIDAY)).toEqual(["2509.10001", "2509.10002", "2509.10003"]);
  });

  it("reports a failing or unreadable feed for its category and still reads the others", async () => {
    const feedUrl = await serve({
      "cs.CV": [{ status: 404, body: "no such feed" }],
      "cs.CL": [{ fault: "truncate", body: CS_LG_FRIDAY }],
      "cs.LG": [ok(CS_LG_FRIDAY)],
    });
    const summary = await fetchAnnouncements(store, client(), {
      feedUrl,
      categories: ["cs.CV", "cs.CL", "cs.LG"],
    });
    const [cv, cl, lg] = summary.categories;
    expect(cv).toMatchObject({ status: "failed", day: null });
    expect(cv!.error).toMatch(/HTTP 404/);
    expect(cl).toMatchObject({ status: "failed" });
    expect(lg).toMatchObject({ status: "announced", inserted: 3 });
    expect(await store.getSourceState(sourceStateKey("cs.CV"))).toBeNull();
  });

  it("stops before the next category once the signal is aborted", async () => {
    const feedUrl = await serve({ "cs.LG": [ok(CS_LG_FRIDAY)], "cs.AI": [ok(CS_AI_FRIDAY_RSS)] });
    const controller = new AbortController();
    const summary = await fetchAnnouncements(store, client(), {
      feedUrl,
      categories: ["cs.LG", "cs.AI"],
      signal: controller.signal,
      onCategory: () => controller.abort(),
    });
    expect(summary.interrupted).toBe(true);
    expect(summary.categories.map((outcome) => outcome.category)).toEqual(["cs.LG"]);
    expect(server!.requests).toHaveLength(1);
  });
});
