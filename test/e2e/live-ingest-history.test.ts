import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Config, loadConfig } from "../../src/config.js";
import { fetchAnnouncements } from "../../src/ingest/arxiv/announcements.js";
import {
  type DailyIngestEvent,
  type DailyIngestOptions,
  dailyIngestOptions,
  runDailyIngest,
} from "../../src/ingest/arxiv/daily-ingest.js";
import { harvest } from "../../src/ingest/arxiv/harvest.js";
import type { HttpGetter } from "../../src/ingest/arxiv/http.js";
import { createArxivHttpClient, type RetryEvent } from "../../src/ingest/arxiv/polite-http-client.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { IngestRun, PaperStore } from "../../src/store/store.js";
import { buildApp } from "../../src/web/app.js";
import { allPapers, tempDir } from "../ingest/helpers.js";
import {
  type FixtureResponse,
  type FixtureServer,
  type RecordedRequest,
  startFixtureServer,
} from "../support/fixture-server.js";
import { announcementFeed, type FeedEntry, type HistoryRecord, OaiHistory } from "../support/oai-history.js";

/*
 * The "done when": a fresh instance, configured like an operator would (environment settings
 * pointing at a local fixture server), runs its daily ingest through one week of arXiv history with
 * faults injected and ends with exactly the expected papers on their announcement days; the health page
 * shows the one weekday that had nothing.
 *
 * The history is hand-made (test/support/oai-history.ts; no recorded paged OAI-PMH list or announcement
 * feed exists): Monday 2025-09-08 to Friday 2025-09-12, ten cs records a day announced in cs.LG (every
 * third a cross-list from cs.CV), except Wednesday, when arXiv announced nothing (the injected gap: no
 * records stamped that day, an empty feed). Each paper is submitted the weekday before its announcement,
 * so a paper the harvest stores but no feed lists sits on the wrong day: only the feeds put it right.
 * Monday's fifth record has no title (invalid, never announced); Friday re-stamps Monday's second paper
 * as its v2 and the feed announces it as a replacement (it must stay on Monday).
 *
 * The instance runs once per day at 01:00 UTC (21:00 New York, after arXiv's 20:00 announcement), then
 * on the weekend, with these faults:
 *   Mon  OAI page 2: 503 with Retry-After: 1 (capped to maxRetryAfterMs), then the page
 *   Tue  OAI page 2: connection reset; page 4: truncated body; the cs.LG feed answers 503 until the
 *        client gives up (announcements fail), and the operator runs the ingest again the same evening
 *   Thu  the run is stopped (AbortSignal) while OAI page 2 is being fetched, then started again: it
 *        continues the list from the stored resumption token
 *   Fri  the token of page 3 is refused once (badResumptionToken): the list restarts from page 1
 *   Sat, Sun  empty weekend feeds; Sunday's harvest finds nothing (noRecordsMatch)
 * Then everything is read again (the ingest, a backfill harvest of the week, each day's feed) and
 * nothing may change.
 */

const MON = "2025-09-08";
const TUE = "2025-09-09";
const WED = "2025-09-10";
const THU = "2025-09-11";
const FRI = "2025-09-12";
const SAT = "2025-09-13";
const SUN = "2025-09-14";
const WEEK = [MON, TUE, WED, THU, FRI, SAT, SUN];

const CATEGORY = "cs.LG";
const PAGE_SIZE = 4;
const INVALID_ID = "2509.20005";
const REPLACED_ID = "2509.20002";

/** When the instance runs for a listing day: 21:00 New York the evening before. */
const runTime = (day: string) => new Date(`${day}T01:00:00.000Z`);

// ---- the history -----------------------------------------------------------------------------------

/** The days that had announcements, each with the weekday its papers were submitted on. */
const ANNOUNCED = [
  { day: MON, submitted: "2025-09-05", block: 0 },
  { day: TUE, submitted: MON, block: 1 },
  { day: THU, submitted: WED, block: 3 },
  { day: FRI, submitted: THU, block: 4 },
];
const PAPERS_PER_DAY = 10;

interface AnnouncedRecord {
  record: HistoryRecord;
  type: "new" | "cross";
  day: string;
}

function announcedRecords(): AnnouncedRecord[] {
  return ANNOUNCED.flatMap(({ day, submitted, block }) =>
    Array.from({ length: PAPERS_PER_DAY }, (_, index) => {
      const n = index + 1;
      const id = `2509.2${block}${String(n).padStart(3, "0")}`;
      const cross = n % 3 === 0;
      const record: HistoryRecord = {
        id,
        datestamp: day,
        sets: ["cs"],
        created: submitted,
        title: id === INVALID_ID ? null : `Learning study ${id} & friends`,
        abstract: `We report study ${id}, with x < y.`,
        authors: [
          ["Ada", "Lovelace"],
          ["Alan", `Turing${n}`],
        ],
        categories: cross ? ["cs.CV", CATEGORY] : [CATEGORY, "cs.AI"],
      };
      return { record, type: cross ? ("cross" as const) : ("new" as const), day };
    }),
  );
}

const ANNOUNCED_RECORDS = announcedRecords();
const ORIGINAL_OF_REPLACED = ANNOUNCED_RECORDS.find(({ record }) => record.id === REPLACED_ID)!.record;
/** Friday's state of Monday's second paper: its v2, re-stamped by the repository. */
const REPLACEMENT: HistoryRecord = {
  ...ORIGINAL_OF_REPLACED,
  datestamp: FRI,
  updated: THU,
  title: `${ORIGINAL_OF_REPLACED.title} (extended)`,
};
const HISTORY = new OaiHistory([...ANNOUNCED_RECORDS.map(({ record }) => record), REPLACEMENT], PAGE_SIZE);

/** The cs.LG feed of a day: its new and cross entries (never the invalid record), plus Friday's replacement. */
function feedOf(day: string): string {
  const entries: FeedEntry[] = ANNOUNCED_RECORDS.filter(
    ({ record, day: announced }) => announced === day && record.id !== INVALID_ID,
  ).map(({ record, type }) => ({ record, type, version: 1 }));
  if (day === FRI) entries.push({ record: REPLACEMENT, type: "replace", version: 2 });
  return announcementFeed(CATEGORY, day, entries);
}

/** Every paper that must be stored, with its announcement day. */
const EXPECTED_DAYS = new Map(
  ANNOUNCED_RECORDS.filter(({ record }) => record.id !== INVALID_ID).map(({ record, day }) => [
    record.id,
    day,
  ]),
);

// ---- the fixture server, its clock and its faults ----------------------------------------------------

type Fault = "503" | "reset" | "truncate" | "stop-the-run" | "bad-token";

/** Faults per OAI-PMH page ("day#page"), used up in order; then the page is served. */
const OAI_FAULTS = new Map<string, Fault[]>([
  [`${MON}#2`, ["503"]],
  [`${TUE}#2`, ["reset"]],
  [`${TUE}#4`, ["truncate"]],
  [`${THU}#2`, ["stop-the-run"]],
  [`${FRI}#3`, ["bad-token"]],
]);
/** Faults of the cs.LG feed per day: Tuesday's outlasts the client's three attempts. */
const FEED_FAULTS = new Map<string, Fault[]>([[TUE, ["503", "503", "503"]]]);

/** The simulated day: what the repository holds and which day's feed is served. */
let today = MON;
/** The run the "stop-the-run" fault stops. */
let stopper: AbortController | null = null;

const ok = (body: string): FixtureResponse => ({
  status: 200,
  headers: { "content-type": "text/xml" },
  body,
});

function faultResponse(fault: Fault, body: string): FixtureResponse {
  switch (fault) {
    case "503":
      // "1" second: the client caps it to maxRetryAfterMs, so the test does not wait a second.
      return { status: 503, headers: { "retry-after": "1" }, body: "Service Unavailable" };
    case "reset":
      return { fault: "reset" };
    case "truncate":
      return { fault: "truncate", body };
    case "bad-token":
      return ok(HISTORY.listRecords(new URLSearchParams({ resumptionToken: "expired" }), today));
    case "stop-the-run":
      // The operator stops the run while this page is on its way; the page never arrives.
      stopper?.abort();
      return { fault: "timeout" };
  }
}

function serveOai(request: RecordedRequest): FixtureResponse {
  const body = HISTORY.listRecords(request.query, today);
  const fault = OAI_FAULTS.get(`${today}#${HISTORY.pageNumberOf(request.query)}`)?.shift();
  return fault ? faultResponse(fault, body) : ok(body);
}

function serveFeed(): FixtureResponse {
  const body = feedOf(today);
  const fault = FEED_FAULTS.get(today)?.shift();
  return fault ? faultResponse(fault, body) : { status: 200, body };
}

// ---- the instance --------------------------------------------------------------------------------

let server: FixtureServer;
let config: Config;
let store: PaperStore;
let client: HttpGetter;
let options: DailyIngestOptions;
let app: FastifyInstance;
const events: DailyIngestEvent[] = [];
const retries: RetryEvent[] = [];
/** The runs each call returned, labelled by day. */
const runLog: { label: string; runs: IngestRun[] }[] = [];

async function ingest(day: string, label = day, signal?: AbortSignal): Promise<IngestRun[]> {
  today = day;
  const runs = await runDailyIngest(store, client, options, {
    now: () => runTime(day),
    onEvent: (event) => events.push(event),
    ...(signal ? { signal } : {}),
  });
  runLog.push({ label, runs });
  return runs;
}

async function health(from: string, until: string) {
  const response = await app.inject(`/api/admin/ingest?from=${from}&until=${until}`);
  expect(response.statusCode).toBe(200);
  return response.json<{ gaps: string[]; days: { day: string; papers: number }[]; runs: RunStatus[] }>();
}

/** Everything a rerun must leave alone: the papers field by field, the listing days, the sources' marks. */
async function storeSnapshot() {
  return {
    count: await store.countPapers(),
    papers: await allPapers(store),
    perDay: await store.papersPerDay(MON, SUN),
    perCategoryDay: await store.papersPerCategoryDay(MON, SUN),
    oaiMark: await store.getSourceState("oai:arXiv:cs"),
    feedMark: await store.getSourceState(`announcements:${CATEGORY}`),
  };
}

type RunStatus = Pick<IngestRun, "source" | "status">;
const statusLine = (run: RunStatus) => `${run.source} ${run.status}`;

/** Health observed mid-week, while Tuesday's announcements had failed and after the rerun. */
let gapsAfterFailedFeed: string[] = [];
let gapsAfterRerun: string[] = [];
let interruptedRun: IngestRun[] = [];
let resumedRun: IngestRun[] = [];

describe("a fresh instance ingesting a week of arXiv history with faults", () => {
  beforeAll(async () => {
    server = await startFixtureServer([
      { path: "/oai", responses: serveOai },
      { path: `/atom/${CATEGORY}`, responses: serveFeed },
    ]);
    config = loadConfig({
      PAPERPULSE_DATA: tempDir(),
      PAPERPULSE_ARXIV_OAI_URL: `${server.url}/oai`,
      PAPERPULSE_ARXIV_FEED_URL: `${server.url}/atom`,
      PAPERPULSE_CATEGORIES: CATEGORY,
      PAPERPULSE_CONTACT_EMAIL: "ops@example.org",
      PAPERPULSE_ARXIV_INTERVAL_MS: "2",
      // The refresh step runs after each ingest; every paper here comes from the harvest, which stamps
      // it fetched, so with a long freshness nothing is due and the API (not served) is never asked.
      PAPERPULSE_ARXIV_API_URL: `${server.url}/api/query`,
      PAPERPULSE_REFRESH_AFTER_DAYS: "3650",
    });
    store = openSqliteStore(config.databasePath);
    // arXiv's politeness rules with test-sized waits: three attempts, 10 ms backoff, Retry-After capped at 20 ms.
    client = createArxivHttpClient(config, {
      timeoutMs: 5_000,
      maxAttempts: 3,
      backoffBaseMs: 10,
      maxRetryAfterMs: 20,
      onRetry: (event) => retries.push(event),
    });
    options = dailyIngestOptions(config);
    app = await buildApp({ store, pageCacheTtlMs: 0 });

    await ingest(MON);
    await ingest(TUE);
    gapsAfterFailedFeed = (await health(MON, TUE)).gaps;
    await ingest(TUE, `${TUE} again`);
    gapsAfterRerun = (await health(MON, TUE)).gaps;
    await ingest(WED);
    stopper = new AbortController();
    interruptedRun = await ingest(THU, THU, stopper.signal);
    stopper = null;
    resumedRun = await ingest(THU, `${THU} again`);
    await ingest(FRI);
    await ingest(SAT);
    await ingest(SUN);
  });

  afterAll(async () => {
    await app?.close();
    await server?.close();
    await store?.close();
  });

  it("stores exactly the expected papers, each on its announcement day", async () => {
    const papers = await allPapers(store);
    expect(papers.map((paper) => paper.id)).toEqual([...EXPECTED_DAYS.keys()].sort());
    expect(papers).toHaveLength(39);
    expect(await store.getPaper(INVALID_ID)).toBeNull();
    for (const paper of papers) {
      expect({ id: paper.id, day: paper.day, listingDay: paper.listingDay }).toEqual({
        id: paper.id,
        day: EXPECTED_DAYS.get(paper.id),
        listingDay: EXPECTED_DAYS.get(paper.id),
      });
    }
    // Friday's replacement brought v2's metadata but kept the paper on its first announcement day.
    expect(await store.getPaper(REPLACED_ID)).toMatchObject({
      day: MON,
      latestVersion: 2,
      title: REPLACEMENT.title,
    });
    expect(await store.papersPerDay(MON, SUN)).toEqual([
      { day: MON, papers: 9 },
      { day: TUE, papers: 10 },
      { day: THU, papers: 10 },
      { day: FRI, papers: 10 },
    ]);
  });

  it("records every run: the failed feed, the stopped harvest and the reruns", () => {
    expect(runLog.map(({ label, runs }) => [label, runs.map(statusLine)])).toEqual([
      [MON, ["harvest:arXiv:cs succeeded", "announcements succeeded", "refresh succeeded"]],
      [TUE, ["harvest:arXiv:cs succeeded", "announcements failed", "refresh succeeded"]],
      [`${TUE} again`, ["harvest:arXiv:cs succeeded", "announcements succeeded", "refresh succeeded"]],
      [WED, ["harvest:arXiv:cs succeeded", "announcements succeeded", "refresh succeeded"]],
      // Stopped mid-harvest: the announcements are not started.
      [THU, ["harvest:arXiv:cs interrupted"]],
      [`${THU} again`, ["harvest:arXiv:cs succeeded", "announcements succeeded", "refresh succeeded"]],
      [FRI, ["harvest:arXiv:cs succeeded", "announcements succeeded", "refresh succeeded"]],
      [SAT, ["harvest:arXiv:cs succeeded", "announcements succeeded", "refresh succeeded"]],
      [SUN, ["harvest:arXiv:cs succeeded", "announcements succeeded", "refresh succeeded"]],
    ]);
    const [mondayHarvest] = runLog[0]!.runs;
    // A fresh instance starts a week back; the invalid record is reported and skipped.
    expect(mondayHarvest!.summary).toMatchObject({
      from: "2025-09-01",
      until: MON,
      pages: 3,
      records: 10,
      inserted: 9,
      rejected: 1,
    });
    expect(runLog[1]!.runs[1]!.error).toMatch(
      /^cs\.LG: GET .*\/atom\/cs\.LG failed after 3 attempts; last: HTTP 503/,
    );
    // The stopped run kept its first page; the next one continued at page 2 instead of starting over.
    expect(interruptedRun[0]!.summary).toMatchObject({ pages: 1, records: 4, inserted: 4, resumed: false });
    expect(resumedRun[0]!.summary).toMatchObject({
      from: WED,
      until: THU,
      pages: 2,
      records: 6,
      resumed: true,
    });
    expect(runLog.find(({ label }) => label === WED)!.runs[1]!.summary).toMatchObject({
      days: [WED],
      listed: 0,
      categories: [{ category: CATEGORY, status: "empty", day: WED }],
    });
    for (const day of [SAT, SUN]) {
      expect(runLog.find(({ label }) => label === day)!.runs[1]!.summary).toMatchObject({
        days: [day],
        categories: [{ status: "empty" }],
      });
    }
    expect(runLog.at(-1)!.runs[0]!.summary).toMatchObject({ from: SAT, until: SUN, pages: 0, records: 0 });
  });

  it("met every fault the way the issue asks: retried politely, resumed, restarted, reported", () => {
    const oaiRetries = retries.filter((retry) => retry.url.includes("/oai"));
    expect(oaiRetries.map((retry) => retry.reason)).toEqual([
      "HTTP 503",
      expect.stringMatching(/ECONNRESET|socket|closed/i),
      expect.stringMatching(/terminated|closed|socket/i),
    ]);
    // Retry-After: 1 honoured, capped at the configured 20 ms.
    expect(oaiRetries[0]!.delayMs).toBe(20);
    expect(retries.filter((retry) => retry.url.includes("/atom"))).toHaveLength(2);

    const restarts = events.filter((event) => event.kind === "harvest-restart");
    expect(restarts).toHaveLength(1);
    expect(restarts[0]!.reason).toMatch(/^badResumptionToken/);
    const rejects = events.flatMap((event) => (event.kind === "harvest-reject" ? [event.reject] : []));
    // Monday's run, and Tuesday's first, which re-read Monday (a run starts at its mark's day).
    expect(rejects.map((reject) => reject.identifier)).toEqual(Array(2).fill(`oai:arXiv.org:${INVALID_ID}`));
    expect(rejects[0]!.reason).toBe("missing <title>");

    // Every request said who we are, as configured.
    expect(
      server.requests.every((request) => request.headers["user-agent"]?.includes("mailto:ops@example.org")),
    ).toBe(true);
  });

  it("shows the missing Wednesday, and only it, as a gap on the health page", async () => {
    // While Tuesday's feed had failed, Tuesday's papers sat on their submission day: the page showed it.
    expect(gapsAfterFailedFeed).toEqual([TUE]);
    expect(gapsAfterRerun).toEqual([]);

    const report = await health(MON, SUN);
    expect(report.gaps).toEqual([WED]);
    expect(report.days).toEqual(
      WEEK.map((day) => ({ day, papers: [...EXPECTED_DAYS.values()].filter((d) => d === day).length })),
    );
    expect(report.runs.map(statusLine)).toContain("harvest:arXiv:cs interrupted");

    const page = await app.inject(`/admin/ingest?from=${MON}&until=${SUN}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<a href="/days/2025-09-10">Wednesday, September 10, 2025</a>');
    expect(page.body).not.toMatch(/href="\/days\/2025-09-1[34]">S/);
  });

  it("changes nothing when everything is read again", async () => {
    const before = await storeSnapshot();

    const rerun = await ingest(SUN, `${SUN} again`);
    expect(rerun.map(statusLine)).toEqual([
      "harvest:arXiv:cs succeeded",
      "announcements succeeded",
      "refresh succeeded",
    ]);
    // A backfill of the whole week (`paperpulse harvest --from`), then every day's feed once more.
    const backfill = await harvest(store, client, {
      baseUrl: config.arxivOaiUrl,
      metadataPrefix: "arXiv",
      set: "cs",
      from: MON,
      until: SUN,
      now: () => runTime(SUN),
    });
    expect(backfill).toMatchObject({ records: 40, inserted: 0, updated: 0, unchanged: 39, rejected: 1 });
    for (const day of WEEK) {
      today = day;
      const replay = await fetchAnnouncements(store, client, {
        feedUrl: config.arxivFeedUrl,
        categories: [CATEGORY],
      });
      expect(replay.categories[0]).toMatchObject({ day, inserted: 0, updated: 0, listed: 0 });
    }

    expect(await storeSnapshot()).toEqual(before);
  });
});
