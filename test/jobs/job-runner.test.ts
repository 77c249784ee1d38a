import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { type JobRunner, startJobRunner } from "../../src/jobs/job-runner.js";
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

  it("aborts a run at the end of its lease, before another worker may take the job", async () => {
    const queue = openQueue();
    let abortedAfter = -1;
    runner = startJobRunner({
      queue,
      handlers: [
        {
          queue: "long",
          leaseSeconds: 1,
          run: (_data, signal) => {
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
    await queue.send("long", {}, { retryLimit: 0 });
    await until(async () => (await queue.counts("long")).failed === 1);
    expect(abortedAfter).toBeGreaterThanOrEqual(990);
    expect(abortedAfter).toBeLessThan(1_500);
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
