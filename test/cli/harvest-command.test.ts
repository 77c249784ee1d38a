import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import {
  handWrittenPage,
  LIST_PAGES,
  LIST_PAPER_IDS,
  OAI_PATH,
  ok,
  pageIndexOf,
  setsRoute,
} from "../ingest/arxiv/oai-pmh-fixtures.js";
import { tempDir } from "../ingest/helpers.js";
import { type FixtureServer, requestGaps, startFixtureServer } from "../support/fixture-server.js";
import { runCli, startCli } from "./run-cli.js";

// `paperpulse harvest` end to end against a local server replaying the hand-written three-page list
// (test/ingest/fixtures/oai-pmh/README.md: no recorded arXiv page carries a resumptionToken).

const RANGE_ARGS = ["--set", "cs", "--from", "2025-01-06", "--until", "2025-01-08"];

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const name of [
    "PAPERPULSE_ARXIV_OAI_URL",
    "PAPERPULSE_CONTACT_EMAIL",
    "PAPERPULSE_ARXIV_INTERVAL_MS",
  ]) {
    delete process.env[name];
  }
});

/**
 * Serves the list and arXiv's set list (or `sets`, the answers to ListSets); page 3 answers HTTP 500
 * while `health.page3Fails` is true.
 */
async function serveList(intervalMs: number, health = { page3Fails: false }, sets = setsRoute()) {
  server = await startFixtureServer([
    sets,
    {
      path: OAI_PATH,
      responses: (request) => {
        const index = pageIndexOf(request);
        if (index === 2 && health.page3Fails) return { status: 500, body: "Internal Server Error" };
        return ok(handWrittenPage(LIST_PAGES[index]!));
      },
    },
  ]);
  // The CLI reads its configuration from the environment it is started with.
  process.env.PAPERPULSE_ARXIV_OAI_URL = `${server.url}${OAI_PATH}`;
  process.env.PAPERPULSE_CONTACT_EMAIL = "ops@example.org";
  process.env.PAPERPULSE_ARXIV_INTERVAL_MS = String(intervalMs);
  return health;
}

async function storedIds(dataDir: string): Promise<string[]> {
  const store = openSqliteStore(`${dataDir}/paperpulse.db`);
  try {
    return (await store.papersAfter(null, 100)).map((paper) => paper.id);
  } finally {
    await store.close();
  }
}

describe("paperpulse harvest", () => {
  it("harvests the list politely with progress and a summary; exit 2 for the rejected record", async () => {
    await serveList(60);
    const dataDir = tempDir();
    const result = await runCli(["harvest", ...RANGE_ARGS], dataDir);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "page 1: 3 records (3 new, 0 updated, 0 unchanged, 0 deleted, 0 rejected) · 3 of 9",
    );
    expect(result.stderr).toMatch(/page 3: 2 records .* · 9 of 9/);
    expect(result.stderr).toContain("oai:arXiv.org:2501.00005 (page 2): missing <title>");
    expect(result.stdout).toContain(
      "harvest 2025-01-06..2025-01-08: 3 pages, 9 records, 7 inserted, 0 updated, 0 unchanged, 1 deleted, 1 rejected",
    );
    expect(result.stdout).toContain("next run starts from 2025-01-08");
    expect(await storedIds(dataDir)).toEqual(LIST_PAPER_IDS);
    expect(server!.requests[0]!.headers["user-agent"]).toContain("mailto:ops@example.org");
    for (const gap of requestGaps(server!.requests)) expect(gap).toBeGreaterThanOrEqual(55);
  });

  it("a failing page exits 1 with the mark kept; running again continues the list", async () => {
    const health = await serveList(5, { page3Fails: true });
    const dataDir = tempDir();
    const failed = await runCli(["harvest", ...RANGE_ARGS], dataDir);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/paperpulse harvest: page 3: HTTP 500/);
    expect(failed.stdout).toContain("unfinished list 2025-01-06..2025-01-08: run again to continue it");

    health.page3Fails = false;
    const resumed = await runCli(["harvest", "--set", "cs"], dataDir);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(
      "harvest 2025-01-06..2025-01-08, continued: 1 page, 2 records, 2 inserted",
    );
    expect(server!.requests.at(-1)!.query.get("resumptionToken")).toBe("6960524|2001");
    expect(await storedIds(dataDir)).toEqual(LIST_PAPER_IDS);
  });

  it("Ctrl-C stops after the page in progress (exit 130); running again continues", async () => {
    await serveList(1_500);
    const dataDir = tempDir();
    const run = startCli(["harvest", ...RANGE_ARGS], dataDir);
    run.child.stderr!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("page 1:")) run.child.kill("SIGINT");
    });
    const stopped = await run.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toContain("1 page, 3 records, 3 inserted");
    expect(await storedIds(dataDir)).toEqual(LIST_PAPER_IDS.slice(0, 3));

    process.env.PAPERPULSE_ARXIV_INTERVAL_MS = "5";
    const resumed = await runCli(["harvest", "--set", "cs"], dataDir);
    expect(resumed.code).toBe(2);
    expect(resumed.stdout).toContain("continued: 2 pages, 6 records, 4 inserted");
    expect(await storedIds(dataDir)).toEqual(LIST_PAPER_IDS);
  });

  it("refuses an unknown set after one ListSets request, naming the close matches, harvesting nothing", async () => {
    await serveList(5);
    const dataDir = tempDir();
    const result = await runCli(["harvest", "--set", "CS", "--from", "2025-01-06"], dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('paperpulse harvest: the repository has no set "CS"; did you mean "cs"?');
    expect(result.stdout).toBe("");
    const far = await runCli(["harvest", "--set", "biology"], dataDir);
    expect(far.code).toBe(1);
    expect(far.stderr).toContain(
      'the repository has no set "biology"; its sets: cs, econ, eess, math, physics, physics:astro-ph,',
    );
    expect(server!.requests.map((request) => request.query.get("verb"))).toEqual(["ListSets", "ListSets"]);
    expect(await storedIds(dataDir)).toEqual([]);
  });

  it("harvests a set unchecked where the repository lists no sets", async () => {
    await serveList(5, undefined, setsRoute([ok(handWrittenPage("no-set-hierarchy.xml"))]));
    const dataDir = tempDir();
    const result = await runCli(["harvest", ...RANGE_ARGS], dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "the repository lists no sets (noSetHierarchy (This repository does not support sets)); harvesting set cs unchecked",
    );
    expect(await storedIds(dataDir)).toEqual(LIST_PAPER_IDS);
  });

  it("refuses a bad day before any request", async () => {
    await serveList(5);
    const result = await runCli(["harvest", "--from", "2025-13-01"], tempDir());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("expected a day as YYYY-MM-DD");
    expect(server!.requests).toHaveLength(0);
  });
});
