import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type DailyIngestEvent,
  type DailyIngestOptions,
  oaiSetsFor,
  runDailyIngest,
} from "../../../src/ingest/arxiv/daily-ingest.js";
import type { IngestRun, PaperStore } from "../../../src/store/store.js";
import { type FixtureRoute, type FixtureServer, startFixtureServer } from "../../support/fixture-server.js";
import { openTempStore, tempDir } from "../helpers.js";
import { CS_LG_FRIDAY, CS_LG_WEEKEND, FRIDAY } from "./announcement-fixtures.js";
import { LIST_PAPER_IDS, listRoute, OAI_PATH, testClient } from "./oai-pmh-fixtures.js";

// Against a local server replaying the hand-written three-page OAI-PMH list and announcement feeds
// (test/ingest/fixtures/*/README.md: no recorded arXiv page has a resumptionToken, no feed was recorded).

/** The day after the list's last datestamp, in the evening after arXiv's announcement. */
const NOW = new Date("2025-09-12T01:00:00.000Z");
const now = () => NOW;

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

async function serve(routes: FixtureRoute[], categories: string[]): Promise<DailyIngestOptions> {
  server = await startFixtureServer(routes);
  return {
    oaiUrl: `${server.url}${OAI_PATH}`,
    feedUrl: `${server.url}/atom`,
    categories,
    sets: oaiSetsFor(categories),
    firstHarvestDays: 7,
  };
}

const feed = (category: string, body: string): FixtureRoute => ({
  path: `/atom/${category}`,
  responses: [{ status: 200, body }],
});

/** Answers 503 to every request for this set, so the polite client's retries run out. */
const unavailableSet = (set: string): FixtureRoute => ({
  path: OAI_PATH,
  query: (params) => params.get("set") === set,
  responses: [{ status: 503, headers: { "retry-after": "0" }, body: "busy" }],
});

function byStatus(runs: IngestRun[]): string[] {
  return runs.map((run) => `${run.source} ${run.status}`);
}

describe("oaiSetsFor", () => {
  it("maps categories to their archive's OAI-PMH set, physics archives under physics", () => {
    expect(oaiSetsFor(["cs.LG", "cs.AI", "stat.ML", "math.OC", "q-bio.NC", "eess.SP"])).toEqual([
      "cs",
      "stat",
      "math",
      "q-bio",
      "eess",
    ]);
    expect(oaiSetsFor(["hep-th", "astro-ph.GA", "physics.optics", "quant-ph", "nlin.AO"])).toEqual([
      "physics:hep-th",
      "physics:astro-ph",
      "physics:physics",
      "physics:quant-ph",
      "physics:nlin",
    ]);
  });
});

describe("runDailyIngest", () => {
  it("harvests the set, then reads the announcements, recording each run with its counts", async () => {
    const options = await serve([listRoute(), feed("cs.LG", CS_LG_FRIDAY)], ["cs.LG"]);
    const events: DailyIngestEvent[] = [];
    const rowsAtStart: Promise<IngestRun[]>[] = [];
    const runs = await runDailyIngest(store, testClient(), options, {
      now,
      onEvent: (event) => {
        events.push(event);
        if (event.kind === "source-started") rowsAtStart.push(store.recentIngestRuns(1));
      },
    });

    expect(byStatus(runs)).toEqual(["harvest:arXiv:cs succeeded", "announcements succeeded"]);
    // A "running" row exists while each source runs, so the health page shows runs in progress.
    for (const rows of await Promise.all(rowsAtStart)) expect(rows[0]!.status).toBe("running");
    expect(await store.recentIngestRuns(10)).toEqual([...runs].reverse());

    const [harvestRun, announcementsRun] = runs;
    expect(harvestRun!.summary).toMatchObject({ pages: 3, records: 9, inserted: 7, deleted: 1, rejected: 1 });
    // The set was never harvested: the list starts a week back, not at arXiv's beginning.
    expect(harvestRun!.summary).toMatchObject({ from: "2025-09-05", until: "2025-09-12" });
    expect(server!.requests[0]!.query.get("from")).toBe("2025-09-05");
    expect(announcementsRun!.summary).toMatchObject({ days: [FRIDAY], new: 2, cross: 1, listed: 3 });
    expect(harvestRun!.startedAt).toBe(NOW.toISOString());
    expect(harvestRun!.finishedAt).toBe(NOW.toISOString());

    for (const id of LIST_PAPER_IDS) expect(await store.getPaper(id)).not.toBeNull();
    const friday = await store.listPapers({ from: FRIDAY, to: FRIDAY, sort: "date", limit: 100, offset: 0 });
    expect(friday.total).toBe(3);
    expect(events.filter((event) => event.kind === "harvest-page")).toHaveLength(3);
    expect(events.filter((event) => event.kind === "harvest-reject")).toHaveLength(1);

    // The next run continues from the stored mark instead of the first-run week.
    await runDailyIngest(store, testClient(), options, { now });
    expect(server!.requests.find((request, i) => i > 3 && request.path === OAI_PATH)?.query.get("from")).toBe(
      "2025-09-12",
    );
  });

  it("records a source that keeps failing as failed and still runs the others", async () => {
    const options = await serve(
      [unavailableSet("stat"), listRoute(), feed("cs.LG", CS_LG_FRIDAY), feed("stat.ML", CS_LG_WEEKEND)],
      ["cs.LG", "stat.ML"],
    );
    const runs = await runDailyIngest(store, testClient(), options, { now });

    expect(byStatus(runs)).toEqual([
      "harvest:arXiv:cs succeeded",
      "harvest:arXiv:stat failed",
      "announcements succeeded",
    ]);
    expect(runs[1]!.error).toMatch(/^page 1: GET .*set=stat.* failed after 3 attempts; last: HTTP 503/);
    expect(runs[1]!.summary).toMatchObject({ pages: 0, records: 0 });
    expect(runs[2]!.summary).toMatchObject({ days: [FRIDAY, "2025-09-13"], listed: 3 });
    expect((await store.recentIngestRuns(10)).map((run) => run.status)).toEqual([
      "succeeded",
      "failed",
      "succeeded",
    ]);
  });

  it("records a failing announcement feed with the category's error", async () => {
    const options = await serve(
      [listRoute(), { path: "/atom/cs.LG", responses: [{ status: 404, body: "gone" }] }],
      ["cs.LG"],
    );
    const [, announcements] = await runDailyIngest(store, testClient(), options, { now });
    expect(announcements!.status).toBe("failed");
    expect(announcements!.error).toMatch(/^cs\.LG: the feed answered HTTP 404/);
  });

  it("a stop ends the source in progress as interrupted and starts no further source", async () => {
    const options = await serve([listRoute(), feed("cs.LG", CS_LG_FRIDAY)], ["cs.LG"]);
    const controller = new AbortController();
    const runs = await runDailyIngest(store, testClient(), options, {
      now,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.kind === "harvest-page") controller.abort();
      },
    });
    expect(byStatus(runs)).toEqual(["harvest:arXiv:cs interrupted"]);
    expect(runs[0]!.summary).toMatchObject({ pages: 1, records: 3 });
    expect(server!.requests.some((request) => request.path.startsWith("/atom"))).toBe(false);
  });
});
