import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Paper } from "../../../src/core/paper.js";
import {
  HarvestError,
  type HarvestOptions,
  type HarvestPageEvent,
  type HarvestReject,
  harvest,
} from "../../../src/ingest/arxiv/harvest.js";
import { parseMark } from "../../../src/ingest/arxiv/harvest-mark.js";
import type { PaperStore } from "../../../src/store/store.js";
import { type FixtureRoute, type FixtureServer, startFixtureServer } from "../../support/fixture-server.js";
import { allPapers, openTempStore, tempDir } from "../helpers.js";
import {
  handWrittenPage,
  LIST_PAGES,
  LIST_PAPER_IDS,
  listRoute,
  OAI_PATH,
  ok,
  testClient,
} from "./oai-pmh-fixtures.js";

// The list pages are hand-written (test/ingest/fixtures/oai-pmh/README.md): no recorded arXiv page
// carries a resumptionToken. Every request goes to a local fixture server through the polite client.

const KEY = "oai:arXiv:cs";
const NOW = () => new Date("2025-01-09T12:00:00Z");
const RANGE = { set: "cs", from: "2025-01-06", until: "2025-01-08" } as const;

let dir: string;
let store: PaperStore;
let server: FixtureServer | undefined;

beforeEach(() => {
  dir = tempDir();
  store = openTempStore(dir);
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await store.close();
});

async function serve(route: FixtureRoute): Promise<string> {
  await server?.close();
  server = await startFixtureServer([route]);
  return `${server.url}${OAI_PATH}`;
}

function run(baseUrl: string, options: Partial<HarvestOptions> = {}, target: PaperStore = store) {
  return harvest(target, testClient(), { baseUrl, metadataPrefix: "arXiv", now: NOW, ...options });
}

/** The store after a clean three-page harvest, for comparison with interrupted-and-resumed runs. */
async function cleanRunPapers(): Promise<Paper[]> {
  const clean = openTempStore(dir, "clean.db");
  try {
    await run(await serve(listRoute()), RANGE, clean);
    return await allPapers(clean);
  } finally {
    await clean.close();
  }
}

async function storedMark(key = KEY) {
  return parseMark(await store.getSourceState(key));
}

function tokensRequested(): (string | null)[] {
  return server!.requests.map((request) => request.query.get("resumptionToken"));
}

describe("harvest through a three-page list", () => {
  it("stores exactly the papers of the list, page by page, and completes the mark", async () => {
    const pages: HarvestPageEvent[] = [];
    const rejects: HarvestReject[] = [];
    const summary = await run(await serve(listRoute()), {
      ...RANGE,
      onPage: (event) => pages.push(event),
      onReject: (reject) => rejects.push(reject),
    });

    expect(summary).toEqual({
      pages: 3,
      records: 9,
      inserted: 7,
      updated: 0,
      unchanged: 0,
      deleted: 1,
      rejected: 1,
      from: "2025-01-06",
      until: "2025-01-08",
      resumed: false,
      interrupted: false,
      mark: { next: "2025-01-08", pending: null },
    });
    expect((await allPapers(store)).map((paper) => paper.id)).toEqual(LIST_PAPER_IDS);
    expect(rejects).toEqual([{ identifier: "oai:arXiv.org:2501.00005", reason: "missing <title>", page: 2 }]);
    expect(pages.map((page) => page.mark.pending?.token ?? null)).toEqual([
      "6960524|1001",
      "6960524|2001",
      null,
    ]);
    expect(await storedMark()).toEqual({ next: "2025-01-08", pending: null });

    const [first, ...rest] = server!.requests;
    expect(Object.fromEntries(first!.query)).toEqual({
      verb: "ListRecords",
      metadataPrefix: "arXiv",
      from: "2025-01-06",
      until: "2025-01-08",
      set: "cs",
    });
    // Later pages carry the token alone: it is an exclusive argument.
    expect(rest.map((request) => Object.fromEntries(request.query))).toEqual([
      { verb: "ListRecords", resumptionToken: "6960524|1001" },
      { verb: "ListRecords", resumptionToken: "6960524|2001" },
    ]);
  });

  it("a run without --from starts at the stored mark, inclusive, until today", async () => {
    const url = await serve(listRoute());
    await run(url, RANGE);
    const second = await run(url, { set: "cs" });

    expect(server!.requests[3]!.query.get("from")).toBe("2025-01-08");
    expect(server!.requests[3]!.query.get("until")).toBe("2025-01-09");
    expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 7, mark: { next: "2025-01-09" } });
    expect(await store.countPapers()).toBe(7);
  });

  it("noRecordsMatch: done with nothing stored, the mark moved to `until`", async () => {
    const summary = await run(
      await serve({ path: OAI_PATH, responses: [ok(handWrittenPage("no-records-match.xml"))] }),
      {
        set: "cs",
        from: "2025-01-11",
        until: "2025-01-11",
      },
    );
    expect(summary).toMatchObject({
      pages: 0,
      records: 0,
      inserted: 0,
      mark: { next: "2025-01-11", pending: null },
    });
    expect(await storedMark()).toEqual({ next: "2025-01-11", pending: null });
    expect(await store.countPapers()).toBe(0);
  });

  it("fails clearly on other protocol errors, storing nothing", async () => {
    const url = await serve({ path: OAI_PATH, responses: [ok(handWrittenPage("bad-argument.xml"))] });
    await expect(run(url, { set: "nonsense" })).rejects.toThrow(
      "page 1: the repository answered badArgument (Illegal argument: set=nonsense); noSetHierarchy",
    );
    expect(await store.getSourceState("oai:arXiv:nonsense")).toBeNull();
  });
});

describe("harvest recovering from faults", () => {
  const badToken = ok(handWrittenPage("bad-resumption-token.xml"));

  it("badResumptionToken: restarts the list once and ends with the same papers", async () => {
    const restarts: string[] = [];
    const summary = await run(await serve(listRoute({ 1: [badToken, ok(handWrittenPage(LIST_PAGES[1]))] })), {
      ...RANGE,
      onRestart: (reason) => restarts.push(reason),
    });

    expect(restarts).toEqual([expect.stringMatching(/^badResumptionToken/)]);
    expect(tokensRequested()).toEqual([null, "6960524|1001", null, "6960524|1001", "6960524|2001"]);
    expect(summary).toMatchObject({
      pages: 4,
      inserted: 7,
      unchanged: 3,
      mark: { next: "2025-01-08", pending: null },
    });
    expect((await allPapers(store)).map((paper) => paper.id)).toEqual(LIST_PAPER_IDS);
  });

  it("badResumptionToken twice: fails clearly, the mark still at the last stored page", async () => {
    const url = await serve(listRoute({ 1: [badToken] }));
    const error = await run(url, RANGE).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(HarvestError);
    expect((error as HarvestError).message).toMatch(/page 3: the repository answered badResumptionToken/);
    expect(await storedMark()).toEqual({
      next: null,
      pending: { from: "2025-01-06", until: "2025-01-08", token: "6960524|1001" },
    });
    expect(await store.countPapers()).toBe(3);
  });

  it("a transfer cut short is retried by the client", async () => {
    const page2 = handWrittenPage(LIST_PAGES[1]);
    await run(await serve(listRoute({ 1: [{ fault: "truncate", body: page2 }, ok(page2)] })), RANGE);
    expect(tokensRequested()).toEqual([null, "6960524|1001", "6960524|1001", "6960524|2001"]);
    expect((await allPapers(store)).map((paper) => paper.id)).toEqual(LIST_PAPER_IDS);
  });

  it("a page that stays malformed XML fails clearly; the mark never passes it; a rerun resumes", async () => {
    const clean = await cleanRunPapers();
    const page2 = handWrittenPage(LIST_PAGES[1]);
    const cut = ok(page2.slice(0, page2.length - 300));
    await expect(run(await serve(listRoute({ 1: [cut] })), RANGE)).rejects.toThrow(
      /page 2: .* gave a malformed page 3 times; last: not well-formed XML/,
    );
    expect(await storedMark()).toMatchObject({ pending: { token: "6960524|1001" } });
    expect(await store.countPapers()).toBe(3);

    const rerun = await run(await serve(listRoute()), RANGE);
    expect(rerun).toMatchObject({ resumed: true, pages: 2, inserted: 4 });
    expect(await allPapers(store)).toEqual(clean);
  });

  it("a server failing hard on page 3: pages 1-2 stored, the rerun fetches only page 3", async () => {
    const clean = await cleanRunPapers();
    const url = await serve(listRoute({ 2: [{ status: 500, body: "Internal Server Error" }] }));
    await expect(run(url, RANGE)).rejects.toThrow(/page 3: HTTP 500/);
    expect(await storedMark()).toMatchObject({ next: null, pending: { token: "6960524|2001" } });

    // A rerun with no options continues the pending list.
    const rerun = await run(await serve(listRoute()), { set: "cs" });
    expect(tokensRequested()).toEqual(["6960524|2001"]);
    expect(rerun).toMatchObject({
      resumed: true,
      pages: 1,
      inserted: 2,
      from: "2025-01-06",
      until: "2025-01-08",
    });
    expect(await allPapers(store)).toEqual(clean);
    expect(await storedMark()).toEqual({ next: "2025-01-08", pending: null });
  });

  it("an abort signal stops after the page in progress; a rerun resumes and matches a clean run", async () => {
    const clean = await cleanRunPapers();
    const url = await serve(listRoute());
    const controller = new AbortController();
    const stopped = await run(url, {
      ...RANGE,
      signal: controller.signal,
      onPage: (event) => {
        if (event.page === 1) controller.abort();
      },
    });
    expect(stopped).toMatchObject({ interrupted: true, pages: 1, inserted: 3 });
    expect(await storedMark()).toMatchObject({ pending: { token: "6960524|1001" } });

    const rerun = await run(url, RANGE);
    expect(rerun).toMatchObject({ resumed: true, interrupted: false, pages: 2, inserted: 4 });
    expect(await allPapers(store)).toEqual(clean);
  });

  it("a crash inside a page's write leaves the mark at the previous page (same transaction)", async () => {
    const clean = await cleanRunPapers();
    let writes = 0;
    const crashing: PaperStore = Object.create(store, {
      upsertPapers: {
        value: (...args: Parameters<PaperStore["upsertPapers"]>) => {
          if (++writes === 2) throw new Error("simulated crash during the write of page 2");
          return store.upsertPapers(...args);
        },
      },
    });
    const url = await serve(listRoute());
    await expect(run(url, RANGE, crashing)).rejects.toThrow("simulated crash");
    expect(await storedMark()).toMatchObject({ pending: { token: "6960524|1001" } });
    expect(await store.countPapers()).toBe(3);

    await run(url, RANGE);
    expect(await allPapers(store)).toEqual(clean);
  });
});

describe("harvest in the arXivRaw format", () => {
  // Hand-written page: no recorded arXivRaw response exists.
  it("stores full version histories, and a newer version updates a paper harvested in the arXiv format", async () => {
    await run(await serve(listRoute()), RANGE);
    const raw = await serve({ path: OAI_PATH, responses: [ok(handWrittenPage("arxivraw-page.xml"))] });
    const summary = await run(raw, { metadataPrefix: "arXivRaw", from: "2025-01-06", until: "2025-01-08" });

    expect(summary).toMatchObject({ pages: 1, records: 4, inserted: 1, updated: 1, deleted: 1, rejected: 1 });
    expect(server!.requests[0]!.query.get("metadataPrefix")).toBe("arXivRaw");
    expect(server!.requests[0]!.query.has("set")).toBe(false);
    expect(await storedMark("oai:arXivRaw:all")).toEqual({ next: "2025-01-08", pending: null });
    const revised = await store.getPaper("2501.00003");
    expect(revised).toMatchObject({
      title: "Computable Numbers and Learning (revised)",
      latestVersion: 2,
      submitter: "Alan Turing",
    });
    expect(revised!.versions.map((version) => version.version)).toEqual([1, 2]);
    expect(await store.getPaper("0704.0001")).toMatchObject({ latestVersion: 2, day: "2007-04-02" });
  });
});
