import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { DAILY_INGEST_QUEUE, dailyIngestJob, queueDailyIngest } from "../../src/jobs/daily-ingest-job.js";
import { type JobRunner, startJobRunner } from "../../src/jobs/job-runner.js";
import { type Scheduler, startScheduler } from "../../src/jobs/scheduler.js";
import type { Stores } from "../../src/store/community-stores.js";
import { openSqliteStores } from "../../src/store/sqlite/open-stores.js";
import type { IngestRun } from "../../src/store/store.js";
import { CS_LG_FRIDAY } from "../ingest/arxiv/announcement-fixtures.js";
import { handWrittenPage, LIST_PAGES, listRoute, OAI_PATH, ok } from "../ingest/arxiv/oai-pmh-fixtures.js";
import { tempDir } from "../ingest/helpers.js";
import { type FixtureServer, startFixtureServer } from "../support/fixture-server.js";

// The worker's daily ingest end to end on the embedded tier: a per-second schedule queues each due
// run, the job runner takes it, and the run harvests a local server replaying the hand-written
// OAI-PMH list and cs.LG feed (fixtures README: none recorded).

let server: FixtureServer | undefined;
const schedulers: Scheduler[] = [];
const runners: JobRunner[] = [];
const opened: Stores[] = [];
afterEach(async () => {
  for (const scheduler of schedulers.splice(0)) await scheduler.stop();
  for (const runner of runners.splice(0)) await runner.stop();
  await server?.close();
  for (const stores of opened.splice(0)) await stores.papers.close();
  server = undefined;
});

function recordingLog() {
  const lines: string[] = [];
  return {
    lines,
    log: {
      info: (message: string) => lines.push(message),
      warn: (message: string) => lines.push(`warn ${message}`),
      error: (_details: { err: unknown }, message: string) => lines.push(`error ${message}`),
    },
  };
}

function ingestConfig(url: string) {
  return {
    arxivOaiUrl: `${url}${OAI_PATH}`,
    arxivFeedUrl: `${url}/atom`,
    categories: ["cs.LG"],
    contactEmail: "ops@example.org",
    arxivIntervalMs: 5,
    arxivApiUrl: `${url}/api/query`,
    refreshWindowDays: 14,
    refreshAfterDays: 3,
    refreshLimit: 100,
  };
}

/** One worker process's part: the schedule queues the run, the runner takes jobs from the queue. */
function startWorker(stores: Stores, url: string, log: ReturnType<typeof recordingLog>["log"]) {
  const runner = startJobRunner({
    queue: stores.digest.queue,
    handlers: [dailyIngestJob(stores.papers, ingestConfig(url), log)],
    pollMs: 20,
    log,
  });
  runners.push(runner);
  schedulers.push(
    startScheduler({
      name: "daily ingest schedule",
      schedule: "* * * * * *",
      timezone: "America/New_York",
      job: queueDailyIngest(stores.digest.queue, log, () => runner.wake()),
      log,
    }),
  );
}

async function finishedRuns(stores: Stores, count: number): Promise<IngestRun[]> {
  for (let waited = 0; ; waited += 50) {
    const runs = await stores.papers.recentIngestRuns(50);
    if (runs.filter((run) => run.status !== "running").length >= count) return runs;
    if (waited > 8_000) throw new Error(`no finished runs in time: ${JSON.stringify(runs)}`);
    await delay(50);
  }
}

describe("the daily ingest through the job queue", () => {
  it("queues the run at the scheduled time, harvests, records its runs and logs one line per source", async () => {
    server = await startFixtureServer([
      listRoute(),
      { path: "/atom/cs.LG", responses: [{ status: 200, body: CS_LG_FRIDAY }] },
    ]);
    const stores = openSqliteStores(path.join(tempDir(), "paperpulse.db"));
    opened.push(stores);
    const { lines, log } = recordingLog();
    startWorker(stores, server.url, log);

    const runs = await finishedRuns(stores, 2);
    expect(runs.slice(-2).map((run) => `${run.source} ${run.status}`)).toEqual([
      "announcements succeeded",
      "harvest:arXiv:cs succeeded",
    ]);
    expect(lines.some((line) => line.startsWith("daily ingest: queued the run due at"))).toBe(true);
    expect(lines).toContain("daily ingest: harvest:arXiv:cs succeeded");
    expect(lines).toContain("daily ingest: announcements succeeded");
    expect(server.requests[0]!.headers["user-agent"]).toContain("mailto:ops@example.org");
  });

  it("runs each due time once although two workers on one database have the schedule, through a failing source", async () => {
    // The list's second page fails once (503 with Retry-After) before it answers: the run retries it.
    const busy = { status: 503, headers: { "retry-after": "0" }, body: "busy" };
    server = await startFixtureServer([
      listRoute({ 1: [busy, ok(handWrittenPage(LIST_PAGES[1]))] }),
      { path: "/atom/cs.LG", responses: [{ status: 200, body: CS_LG_FRIDAY }] },
    ]);
    const file = path.join(tempDir(), "paperpulse.db");
    const workers = [openSqliteStores(file), openSqliteStores(file)];
    opened.push(...workers);
    const { lines, log } = recordingLog();
    for (const stores of workers) startWorker(stores, server.url, log);

    await finishedRuns(workers[0]!, 6);
    for (const scheduler of schedulers.splice(0)) await scheduler.stop();
    // The queued runs finish before the runners stop (a stopped run is not completed but retried).
    for (let waited = 0; ; waited += 50) {
      const { active, waiting } = await workers[0]!.digest.queue.counts(DAILY_INGEST_QUEUE);
      if (active + waiting === 0) break;
      if (waited > 8_000) throw new Error("the queued daily ingest runs did not finish in time");
      await delay(50);
    }
    for (const runner of runners.splice(0)) await runner.stop();

    const counts = await workers[0]!.digest.queue.counts(DAILY_INGEST_QUEUE);
    const runs = await workers[0]!.papers.recentIngestRuns(100);
    const harvests = runs.filter((run) => run.source.startsWith("harvest:"));
    // One job per due time (both workers queued it; the second send was refused), one harvest per job.
    const queued = lines.filter((line) => line.startsWith("daily ingest: queued the run due at"));
    const refused = lines.filter((line) => line.includes("is already queued by another worker"));
    expect(new Set(queued).size).toBe(queued.length);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(counts.completed + counts.active + counts.waiting).toBe(queued.length);
    expect(harvests.length).toBe(counts.completed);
    expect(lines.filter((line) => line.startsWith("daily ingest: running the run due at"))).toHaveLength(
      counts.completed,
    );
  });

  it("fails the job when a source failed, so the queue runs it again, and the retry stores nothing twice", async () => {
    // The announcement feed is down (500) at the first attempt and back at the retry.
    server = await startFixtureServer([
      listRoute(),
      {
        path: "/atom/cs.LG",
        responses: [
          { status: 500, body: "down" },
          { status: 200, body: CS_LG_FRIDAY },
        ],
      },
    ]);
    const stores = openSqliteStores(path.join(tempDir(), "paperpulse.db"));
    opened.push(stores);
    const { lines, log } = recordingLog();
    const queue = stores.digest.queue;
    runners.push(
      startJobRunner({
        queue,
        handlers: [dailyIngestJob(stores.papers, ingestConfig(server.url), log)],
        pollMs: 20,
        log,
      }),
    );
    // As queueDailyIngest sends it, with no wait before the retry.
    await queue.send(
      DAILY_INGEST_QUEUE,
      { dueAt: "2024-05-10T00:30:00.000Z" },
      { retryLimit: 2, retryDelay: 0 },
    );

    for (let waited = 0; (await queue.counts(DAILY_INGEST_QUEUE)).completed === 0; waited += 50) {
      if (waited > 8_000) throw new Error("the daily ingest job did not complete in time");
      await delay(50);
    }
    const runs = (await stores.papers.recentIngestRuns(50)).reverse();
    expect(runs.map((run) => `${run.source} ${run.status}`)).toEqual([
      "harvest:arXiv:cs succeeded",
      "announcements failed",
      "refresh succeeded",
      "harvest:arXiv:cs succeeded",
      "announcements succeeded",
      "refresh succeeded",
    ]);
    expect(lines).toContain("warn daily-ingest job failed: unfinished sources: announcements failed");
    // The retry's harvest continued from the stored mark: every paper it read again was unchanged.
    const [first, retry] = runs.filter((run) => run.source.startsWith("harvest:"));
    expect(first!.summary.inserted).toBeGreaterThan(0);
    expect(retry!.summary).toMatchObject({ inserted: 0, updated: 0 });
    expect(await queue.counts(DAILY_INGEST_QUEUE)).toMatchObject({ completed: 1, failed: 0, waiting: 0 });
  });
});
