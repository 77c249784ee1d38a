import path from "node:path";
import Database from "better-sqlite3";
import { beforeEach, describe, expect, it } from "vitest";
import { retryDelaySeconds } from "../../src/jobs/queue.js";
import { migrate } from "../../src/store/sqlite/migrate.js";
import { SqliteJobQueue } from "../../src/store/sqlite/sqlite-job-queue.js";
import { tempDir } from "../ingest/helpers.js";

let clock: Date;
let queue: SqliteJobQueue;

beforeEach(() => {
  const db = new Database(":memory:");
  migrate(db);
  clock = new Date("2026-01-01T00:00:00Z");
  queue = new SqliteJobQueue(db, () => clock);
});

const advance = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1_000);
};

describe("the SQLite job queue", () => {
  it("keeps one job per singleton key and holds jobs until their start time", async () => {
    const id = await queue.send(
      "q",
      { n: 1 },
      { singletonKey: "k", startAfter: new Date("2026-01-01T00:01:00Z") },
    );
    expect(id).not.toBeNull();
    expect(await queue.send("q", { n: 2 }, { singletonKey: "k" })).toBeNull();
    expect(await queue.send("other", { n: 3 }, { singletonKey: "k" })).not.toBeNull();
    expect(await queue.fetch("q", { batchSize: 10, leaseSeconds: 30 })).toEqual([]);
    advance(60);
    expect(await queue.fetch("q", { batchSize: 10, leaseSeconds: 30 })).toEqual([
      { id, name: "q", data: { n: 1 }, retryCount: 0 },
    ]);
  });

  it("gives a job to one worker at a time, and to another when the lease runs out", async () => {
    await queue.send("q", { n: 1 });
    expect(await queue.fetch("q", { batchSize: 10, leaseSeconds: 30 })).toHaveLength(1);
    expect(await queue.fetch("q", { batchSize: 10, leaseSeconds: 30 })).toHaveLength(0);
    advance(31);
    const [job] = await queue.fetch("q", { batchSize: 10, leaseSeconds: 30 });
    await queue.complete("q", job!.id);
    advance(60);
    expect(await queue.fetch("q", { batchSize: 10, leaseSeconds: 30 })).toHaveLength(0);
    expect(await queue.counts("q")).toMatchObject({ waiting: 0, active: 0, completed: 1, failed: 0 });
  });

  it("retries temporary failures with exponential backoff up to the limit; permanent ones at once fail", async () => {
    expect([1, 2, 3].map((retry) => retryDelaySeconds(10, true, retry))).toEqual([10, 20, 40]);
    await queue.send("q", { n: 1 }, { retryLimit: 2, retryDelay: 10, retryBackoff: true });
    const waits: number[] = [];
    for (;;) {
      const [job] = await queue.fetch<{ n: number }>("q", { batchSize: 1, leaseSeconds: 30 });
      if (!job) {
        const { nextStartAfter } = await queue.counts("q");
        if (!nextStartAfter) break;
        waits.push((nextStartAfter.getTime() - clock.getTime()) / 1_000);
        clock = nextStartAfter;
        continue;
      }
      await queue.fail("q", job.id, "451 try later", { permanent: false });
    }
    expect(waits).toEqual([10, 20]);
    expect(await queue.counts("q")).toMatchObject({ failed: 1, waiting: 0 });

    await queue.send("q", { n: 2 }, { retryLimit: 5, retryDelay: 10 });
    const [job] = await queue.fetch("q", { batchSize: 1, leaseSeconds: 30 });
    await queue.fail("q", job!.id, "550 no such user", { permanent: true });
    expect(await queue.counts("q")).toMatchObject({ failed: 2, waiting: 0 });
  });
});

describe("the SQLite job queue's retention of finished jobs", () => {
  const DAY = 86_400;
  const lease = { batchSize: 10, leaseSeconds: 30 };

  /** Sends a job with a singleton key and runs it to the end: completed, or failed for good. */
  const finish = async (key: string, outcome: "complete" | "fail") => {
    await queue.send("q", { key }, { singletonKey: key });
    const [job] = await queue.fetch("q", lease);
    if (outcome === "complete") await queue.complete("q", job!.id);
    else await queue.fail("q", job!.id, "550 no such user", { permanent: true });
  };

  it("forgets jobs finished more than 14 days ago, so their singleton keys can be sent again", async () => {
    await finish("old-completed", "complete");
    await finish("old-failed", "fail");
    advance(7 * DAY);
    await finish("young-completed", "complete");
    expect(await queue.counts("q")).toMatchObject({ completed: 2, failed: 1 });

    advance(7 * DAY + 1);
    expect(await queue.fetch("q", lease)).toEqual([]);
    expect(await queue.counts("q")).toMatchObject({ waiting: 0, active: 0, completed: 1, failed: 0 });
    expect(await queue.send("q", {}, { singletonKey: "old-completed" })).not.toBeNull();
    expect(await queue.send("q", {}, { singletonKey: "old-failed" })).not.toBeNull();
    expect(await queue.send("q", {}, { singletonKey: "young-completed" })).toBeNull();
  });

  it("never forgets waiting, retrying or active jobs, however old", async () => {
    const month = new Date(clock.getTime() + 30 * DAY * 1_000);
    await queue.send("waiting", {}, { singletonKey: "waiting", startAfter: month });
    await queue.send("retrying", {}, { singletonKey: "retrying", retryLimit: 1, retryDelay: 30 * DAY });
    const [retrying] = await queue.fetch("retrying", lease);
    await queue.fail("retrying", retrying!.id, "451 try later", { permanent: false });
    await queue.send("active", {}, { singletonKey: "active" });
    await queue.fetch("active", { batchSize: 1, leaseSeconds: 30 * DAY });
    // A worker whose lease lapsed completes the job after another worker took it; that worker then
    // fails it for a retry: the job waits again, though it once had a finish time.
    await queue.send("taken-over", {}, { singletonKey: "taken-over", retryLimit: 1, retryDelay: 30 * DAY });
    const [first] = await queue.fetch("taken-over", lease);
    advance(31);
    const [second] = await queue.fetch("taken-over", lease);
    await queue.complete("taken-over", first!.id);
    await queue.fail("taken-over", second!.id, "451 try later", { permanent: false });

    advance(20 * DAY);
    expect(await queue.fetch("q", lease)).toEqual([]);
    expect(await queue.counts("waiting")).toMatchObject({ waiting: 1 });
    expect(await queue.counts("retrying")).toMatchObject({ waiting: 1 });
    expect(await queue.counts("active")).toMatchObject({ active: 1 });
    expect(await queue.counts("taken-over")).toMatchObject({ waiting: 1, completed: 0 });
    for (const key of ["waiting", "retrying", "active", "taken-over"]) {
      expect(await queue.send(key, {}, { singletonKey: key })).toBeNull();
    }
  });

  it("forgets a long history in full, more rows than one delete takes", async () => {
    const jobs = 6_000;
    for (let n = 0; n < jobs; n++) await queue.send("q", { n });
    for (const job of await queue.fetch("q", { batchSize: jobs, leaseSeconds: 30 }))
      await queue.complete("q", job.id);
    expect(await queue.counts("q")).toMatchObject({ completed: jobs });
    advance(15 * DAY);
    await queue.fetch("q", lease);
    expect(await queue.counts("q")).toMatchObject({ completed: 0 });
  });

  it("looks for finished jobs to forget at most once an hour", async () => {
    await finish("k", "complete");
    advance(14 * DAY - 30 * 60);
    await queue.fetch("q", lease);
    advance(31 * 60);
    await queue.fetch("q", lease);
    expect(await queue.counts("q")).toMatchObject({ completed: 1 });
    expect(await queue.send("q", {}, { singletonKey: "k" })).toBeNull();
    advance(30 * 60);
    await queue.fetch("q", lease);
    expect(await queue.counts("q")).toMatchObject({ completed: 0 });
    expect(await queue.send("q", {}, { singletonKey: "k" })).not.toBeNull();
  });
});

describe("the SQLite job queue beside another process", () => {
  it("looks at an idle queue without waiting for another process's write", async () => {
    const file = path.join(tempDir(), "jobs.db");
    const own = new Database(file, { timeout: 200 });
    own.pragma("journal_mode = WAL");
    migrate(own);
    const idle = new SqliteJobQueue(own, () => clock);
    // The first fetch also forgets old finished jobs (a write), before the other process starts.
    expect(await idle.fetch("q", { batchSize: 1, leaseSeconds: 30 })).toEqual([]);
    const importer = new Database(file);
    importer.exec("BEGIN IMMEDIATE");
    try {
      expect(await idle.fetch("q", { batchSize: 1, leaseSeconds: 30 })).toEqual([]);
    } finally {
      importer.exec("ROLLBACK");
      importer.close();
      own.close();
    }
  });
});
