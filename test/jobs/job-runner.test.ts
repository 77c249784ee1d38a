import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { type JobRunner, pollDelayMs, startJobRunner } from "../../src/jobs/job-runner.js";
import type { Job, JobQueue } from "../../src/jobs/queue.js";
import { migrate } from "../../src/store/sqlite/migrate.js";
import { SqliteJobQueue } from "../../src/store/sqlite/sqlite-job-queue.js";

const lines: string[] = [];
const log = {
  info: (message: string) => lines.push(message),
  warn: (message: string) => lines.push(`warn ${message}`),
  error: (_details: { err: unknown }, message: string) => lines.push(`error ${message}`),
};

async function until(probe: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await delay(10);
  }
}

describe("the job runner", () => {
  let directory: string;
  let db: Database.Database;
  let runner: JobRunner | null = null;
  afterEach(async () => {
    await runner?.stop();
    runner = null;
    db.close();
    rmSync(directory, { recursive: true, force: true });
    lines.length = 0;
  });

  function openQueue(): SqliteJobQueue {
    directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-runner-"));
    db = new Database(path.join(directory, "jobs.db"));
    migrate(db);
    return new SqliteJobQueue(db);
  }

  it("completes a job that ends, and fails (then retries) one that throws", async () => {
    const queue = openQueue();
    const seen: unknown[] = [];
    let attempts = 0;
    runner = startJobRunner({
      queue,
      handlers: [
        { queue: "ok", leaseSeconds: 30, run: async (data) => void seen.push(data) },
        {
          queue: "flaky",
          leaseSeconds: 30,
          run: async () => {
            attempts++;
            if (attempts === 1) throw new Error("source away");
          },
        },
      ],
      pollMs: 10,
      log,
    });
    await queue.send("ok", { n: 1 });
    await queue.send("flaky", {}, { retryLimit: 1, retryDelay: 0 });
    await until(
      async () => (await queue.counts("ok")).completed === 1 && (await queue.counts("flaky")).completed === 1,
    );
    expect(seen).toEqual([{ n: 1 }]);
    expect(attempts).toBe(2);
    expect(lines).toEqual(["warn flaky job failed: source away"]);
  });

  it("aborts a run at the end of its lease and leaves the job to the queue, which hands it out again", async () => {
    const queue = openQueue();
    let abortedAfter = -1;
    let attempts = 0;
    runner = startJobRunner({
      queue,
      handlers: [
        {
          queue: "long",
          leaseSeconds: 1,
          run: (_data, signal) => {
            attempts++;
            if (attempts > 1) return Promise.resolve();
            const started = Date.now();
            return new Promise((_resolve, reject) =>
              signal.addEventListener("abort", () => {
                abortedAfter = Date.now() - started;
                reject(signal.reason);
              }),
            );
          },
        },
      ],
      pollMs: 10,
      log,
    });
    // No retries: a run failed at its lease's end would end the job for good.
    await queue.send("long", {}, { retryLimit: 0 });
    await until(async () => (await queue.counts("long")).completed === 1);
    expect(abortedAfter).toBeGreaterThanOrEqual(990);
    expect(abortedAfter).toBeLessThan(1_500);
    expect(attempts).toBe(2);
    expect((await queue.counts("long")).failed).toBe(0);
    expect(lines).toEqual(["warn long job stopped at the end of its lease; the queue hands it out again"]);
  });

  it("does not complete a run stopped part-way, although it returned: the job is fetched again", async () => {
    const queue = openQueue();
    const started: number[] = [];
    // Like the daily ingest: a stop ends the run early and it returns what it did.
    const stoppable = {
      queue: "ingest",
      leaseSeconds: 30,
      run: (_data: unknown, signal: AbortSignal) => {
        started.push(Date.now());
        return new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
      },
    };
    runner = startJobRunner({ queue, handlers: [stoppable], pollMs: 10, log });
    await queue.send("ingest", {}, { retryLimit: 2, retryDelay: 0 });
    await until(async () => started.length === 1);
    await runner.stop();
    expect(await queue.counts("ingest")).toMatchObject({ completed: 0, waiting: 1, active: 0 });
    expect(lines).toEqual(["ingest job stopped before it finished; failed as temporary, so it is retried"]);

    // The next worker (a deploy's new process) takes it again.
    const finished: unknown[] = [];
    runner = startJobRunner({
      queue,
      handlers: [{ queue: "ingest", leaseSeconds: 30, run: async (data) => void finished.push(data) }],
      pollMs: 10,
      log,
    });
    await until(async () => (await queue.counts("ingest")).completed === 1);
    expect(finished).toHaveLength(1);
  });

  it("never starts a job fetched while stopping, and stop() resolves at once", async () => {
    const sqlite = openQueue();
    let releaseFetch = () => {};
    const fetchReleased = new Promise<void>((resolve) => {
      releaseFetch = resolve;
    });
    let fetches = 0;
    // A fetch in flight when stop() is called (the database answers slowly): it still claims the job.
    const queue: JobQueue = Object.create(sqlite);
    queue.fetch = async <T>(name: string, options: { batchSize: number; leaseSeconds: number }) => {
      fetches++;
      await fetchReleased;
      return sqlite.fetch<T>(name, options) as Promise<Job<T>[]>;
    };
    let runs = 0;
    runner = startJobRunner({
      queue,
      handlers: [
        {
          queue: "q",
          leaseSeconds: 3_600,
          run: async () => {
            runs++;
            await delay(20_000);
          },
        },
      ],
      pollMs: 10,
      log,
    });
    await sqlite.send("q", {}, { retryLimit: 2, retryDelay: 0 });
    await until(async () => fetches === 1);
    const stopped = runner.stop().then(() => "stopped");
    releaseFetch();
    expect(await Promise.race([stopped, delay(5_000).then(() => "still running")])).toBe("stopped");
    expect(runs).toBe(0);
    expect(await sqlite.counts("q")).toMatchObject({ waiting: 1, active: 0, completed: 0 });
    expect(lines).toEqual(["q job stopped before it started; failed as temporary, so it is retried"]);
  });

  it("looks less and less often while the queue cannot be reached, and at the usual pace again after", async () => {
    const sqlite = openQueue();
    const fetchedAt: number[] = [];
    const queue: JobQueue = Object.create(sqlite);
    queue.fetch = async <T>(name: string, options: { batchSize: number; leaseSeconds: number }) => {
      fetchedAt.push(Date.now());
      if (fetchedAt.length <= 5) throw new Error("connection refused");
      return sqlite.fetch<T>(name, options) as Promise<Job<T>[]>;
    };
    runner = startJobRunner({
      queue,
      handlers: [{ queue: "q", leaseSeconds: 30, run: async () => {} }],
      pollMs: 20,
      log,
    });
    await until(async () => fetchedAt.length >= 8);
    const gaps = fetchedAt.slice(1).map((at, i) => at - fetchedAt[i]!);
    // After the n-th failure in a row the runner waits pollMs × 2^n (timers never fire early).
    expect(gaps.slice(0, 5).map((gap, i) => gap >= 20 * 2 ** (i + 1) - 2)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    // The sixth look succeeded: the next one follows at the usual pace, not after 640 ms.
    expect(gaps[6]).toBeLessThan(400);
    expect(lines.filter((line) => line.startsWith("error"))).toHaveLength(5);
    expect(lines[4]).toBe("error q jobs: could not take one (5 in a row)");
  });

  it("doubles the pause after each failed look up to 30 seconds, from the usual pace", () => {
    expect([0, 1, 2, 5, 6, 40].map((failures) => pollDelayMs(1_000, failures))).toEqual([
      1_000, 2_000, 4_000, 30_000, 30_000, 30_000,
    ]);
    expect(pollDelayMs(60_000, 3)).toBe(60_000);
  });

  it("takes a job at once when woken, without waiting for the next look", async () => {
    const queue = openQueue();
    const seen: number[] = [];
    runner = startJobRunner({
      queue,
      handlers: [{ queue: "q", leaseSeconds: 30, run: async () => void seen.push(Date.now()) }],
      pollMs: 60_000,
      log,
    });
    await delay(50);
    const sentAt = Date.now();
    await queue.send("q", {});
    runner.wake();
    await until(async () => seen.length === 1);
    expect(seen[0]! - sentAt).toBeLessThan(1_000);
  });
});
