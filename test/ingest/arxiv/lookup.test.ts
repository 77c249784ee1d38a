import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ArxivApiError } from "../../../src/ingest/arxiv/atom-parser.js";
import { type LookupBatchProgress, lookupPapers } from "../../../src/ingest/arxiv/lookup.js";
import {
  createPoliteHttpClient,
  HttpRetriesExhaustedError,
} from "../../../src/ingest/arxiv/polite-http-client.js";
import type { PaperStore } from "../../../src/store/store.js";
import { atomFeed, testArxivId } from "../../support/atom-feed.js";
import {
  type FixtureResponse,
  type FixtureRoute,
  type FixtureServer,
  type RecordedRequest,
  startFixtureServer,
} from "../../support/fixture-server.js";
import { makePaperInput } from "../../support/paper-factory.js";
import { sharedDataPath } from "../../support/shared-data.js";
import { openTempStore, tempDir } from "../helpers.js";

const client = () =>
  createPoliteHttpClient({
    userAgent: "PaperPulse/test",
    minIntervalMs: 20,
    timeoutMs: 2_000,
    maxAttempts: 2,
    backoffBaseMs: 20,
  });

/**
 * A generated API: answers any id_list with one entry per id it "has" (all but `missing`), at most
 * `pageCap` entries per response, like arXiv's paging. Hand-made: no recording has 100+ ids.
 */
function generatedApi(missing: ReadonlySet<string>, pageCap = 100) {
  return (request: RecordedRequest): FixtureResponse => {
    const ids = (request.query.get("id_list") ?? "").split(",").filter((id) => !missing.has(id));
    const start = Number(request.query.get("start") ?? 0);
    const count = Math.min(Number(request.query.get("max_results") ?? 10), pageCap);
    const entries = ids.slice(start, start + count).map((id) => ({ id: `${id}v1` }));
    return {
      status: 200,
      body: atomFeed({ entries, totalResults: ids.length, startIndex: start, itemsPerPage: count }),
    };
  };
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

async function api(responses: FixtureRoute["responses"]) {
  server = await startFixtureServer([{ path: "/api/query", responses }]);
  return { apiUrl: `${server.url}/api/query`, requests: server.requests };
}

describe("lookupPapers", () => {
  it("batches 250 ids in requests of 100, stores what arXiv has and reports missing and invalid ids", async () => {
    const ids = Array.from({ length: 250 }, (_, i) => testArxivId(i + 1));
    const missingId = testArxivId(137);
    const { apiUrl, requests } = await api(generatedApi(new Set([missingId])));
    // The same paper as a URL and with a version counts once.
    const inputs = [
      ...ids,
      `https://arxiv.org/abs/${ids[0]}v2`,
      "arXiv:2501.00002",
      "not-an-id",
      "2513.00001",
    ];
    const progress: LookupBatchProgress[] = [];

    const result = await lookupPapers(store, client(), inputs, { apiUrl, onBatch: (p) => progress.push(p) });

    expect(requests.map((r) => r.query.get("id_list")!.split(",").length)).toEqual([100, 100, 50]);
    expect(requests[0]!.query.get("id_list")!.split(",")[0]).toBe("2501.00001");
    expect(result.found).toHaveLength(249);
    expect(result.missing).toEqual([missingId]);
    expect(result.invalid).toEqual(["not-an-id", "2513.00001"]);
    expect(result).toMatchObject({ inserted: 249, updated: 0, unchanged: 0, rejected: [] });
    expect(progress).toEqual([
      { batch: 1, batches: 3, requested: 100, found: 100 },
      { batch: 2, batches: 3, requested: 100, found: 99 },
      { batch: 3, batches: 3, requested: 50, found: 50 },
    ]);
    expect(await store.countPapers()).toBe(249);
    expect(await store.getPaper(missingId)).toBeNull();
  });

  it("follows start/max_results when arXiv answers a batch in several pages", async () => {
    const ids = Array.from({ length: 100 }, (_, i) => testArxivId(i + 1));
    const { apiUrl, requests } = await api(generatedApi(new Set(), 40));
    const result = await lookupPapers(store, client(), ids, { apiUrl });
    expect(requests.map((r) => r.query.get("start"))).toEqual(["0", "40", "80"]);
    expect(result.found).toHaveLength(100);
    expect(result.missing).toEqual([]);
  });

  it("refreshes without downgrading a paper stored at a newer version", async () => {
    const id = testArxivId(7);
    await store.upsertPapers([
      makePaperInput({
        id,
        versions: [
          { version: 1, createdAt: "2025-01-02T10:00:00.000Z" },
          { version: 3, createdAt: "2025-03-01T10:00:00.000Z" },
        ],
      }),
    ]);
    const { apiUrl } = await api(generatedApi(new Set()));
    const result = await lookupPapers(store, client(), [id], { apiUrl });
    expect(result.found).toEqual([id]);
    expect((await store.getPaper(id))?.latestVersion).toBe(3);

    const again = await lookupPapers(store, client(), [id], { apiUrl });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
  });

  it("stores a recorded response and asks for the id without its version", async () => {
    const body = fs.readFileSync(
      sharedDataPath("arxiv-api-fixtures/atom-2026/bodies/id_1605.08386_s0_m100_199195aa31ad.xml"),
      "utf8",
    );
    const { apiUrl, requests } = await api([{ status: 200, body }]);
    const result = await lookupPapers(store, client(), ["1605.08386v1"], { apiUrl });
    expect(requests[0]!.query.get("id_list")).toBe("1605.08386");
    expect(result).toMatchObject({ found: ["1605.08386"], missing: [], inserted: 1 });
    expect((await store.getPaper("1605.08386"))?.title).toBe("Heat-bath random walks with Markov bases");
  });

  it("reports an unreadable entry and stores the rest", async () => {
    const [good, bad] = [testArxivId(1), testArxivId(2)];
    const body = atomFeed({ entries: [{ id: `${good}v1` }, { id: `${bad}v1`, title: "" }] });
    const { apiUrl } = await api([{ status: 200, body }]);
    const result = await lookupPapers(store, client(), [good, bad], { apiUrl });
    expect(result.found).toEqual([good]);
    expect(result.missing).toEqual([bad]);
    expect(result.rejected).toEqual([
      { position: 2, entryId: `http://arxiv.org/abs/${bad}v1`, reason: "empty title" },
    ]);
  });

  it("raises arXiv's error entry (HTTP 400) as a typed error", async () => {
    const body = fs.readFileSync(
      sharedDataPath("arxiv-api-fixtures/atom-2026/bodies/id_abc_s0_m100_b79c8dcf6bc3.xml"),
      "utf8",
    );
    const { apiUrl } = await api([{ status: 400, body }]);
    await expect(lookupPapers(store, client(), [testArxivId(1)], { apiUrl })).rejects.toThrow(ArxivApiError);
  });

  it("fails with the client's typed error when arXiv stays unavailable", async () => {
    const { apiUrl, requests } = await api([{ status: 503, headers: { "retry-after": "0" }, body: "down" }]);
    await expect(lookupPapers(store, client(), [testArxivId(1)], { apiUrl })).rejects.toThrow(
      HttpRetriesExhaustedError,
    );
    expect(requests).toHaveLength(2);
  });

  it("sends nothing when every input is invalid", async () => {
    const { apiUrl, requests } = await api([{ status: 500, body: "" }]);
    const result = await lookupPapers(store, client(), ["abc", ""], { apiUrl });
    expect(result).toMatchObject({ found: [], missing: [], invalid: ["abc", ""] });
    expect(requests).toHaveLength(0);
  });
});
