import { setTimeout as delay } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { dailyIngestJob } from "../../src/jobs/daily-ingest-job.js";
import { type Scheduler, startScheduler } from "../../src/jobs/scheduler.js";
import type { IngestRun, PaperStore } from "../../src/store/store.js";
import { CS_LG_FRIDAY } from "../ingest/arxiv/announcement-fixtures.js";
import { listRoute, OAI_PATH } from "../ingest/arxiv/oai-pmh-fixtures.js";
import { openTempStore, tempDir } from "../ingest/helpers.js";
import { type FixtureServer, startFixtureServer } from "../support/fixture-server.js";

// The server's scheduled job end to end: a per-second schedule running the daily ingest against a
// local server replaying the hand-written OAI-PMH list and cs.LG feed (fixtures README: none recorded).

let server: FixtureServer | undefined;
let scheduler: Scheduler | undefined;
let store: PaperStore | undefined;
afterEach(async () => {
  await scheduler?.stop();
  await server?.close();
  await store?.close();
  scheduler = server = store = undefined;
});

describe("dailyIngestJob on the scheduler", () => {
  it("runs the daily ingest at the scheduled time, records its runs and logs one line per source", async () => {
    server = await startFixtureServer([
      listRoute(),
      { path: "/atom/cs.LG", responses: [{ status: 200, body: CS_LG_FRIDAY }] },
    ]);
    store = openTempStore(tempDir());
    const lines: string[] = [];
    const log = {
      info: (message: string) => lines.push(message),
      warn: (message: string) => lines.push(`warn ${message}`),
      error: (_details: { err: unknown }, message: string) => lines.push(`error ${message}`),
    };
    const config = {
      arxivOaiUrl: `${server.url}${OAI_PATH}`,
      arxivFeedUrl: `${server.url}/atom`,
      categories: ["cs.LG"],
      contactEmail: "ops@example.org",
      arxivIntervalMs: 5,
      arxivApiUrl: `${server.url}/api/query`,
      refreshWindowDays: 14,
      refreshAfterDays: 3,
      refreshLimit: 100,
    };
    scheduler = startScheduler({
      name: "daily ingest",
      schedule: "* * * * * *",
      timezone: "America/New_York",
      job: dailyIngestJob(store, config, log),
      log,
    });

    let runs: IngestRun[] = [];
    for (let waited = 0; runs.filter((run) => run.status !== "running").length < 2; waited += 50) {
      if (waited > 4_000) throw new Error(`no finished runs in time: ${JSON.stringify(runs)}`);
      await delay(50);
      runs = await store.recentIngestRuns(10);
    }
    await scheduler.stop();

    expect(runs.slice(-2).map((run) => `${run.source} ${run.status}`)).toEqual([
      "announcements succeeded",
      "harvest:arXiv:cs succeeded",
    ]);
    expect(lines).toContain("daily ingest: harvest:arXiv:cs succeeded");
    expect(lines).toContain("daily ingest: announcements succeeded");
    expect(server.requests[0]!.headers["user-agent"]).toContain("mailto:ops@example.org");
  });
});
