import Database from "better-sqlite3";
import { beforeEach, describe, expect, it } from "vitest";
import { retryDelaySeconds } from "../../src/jobs/queue.js";
import { migrate } from "../../src/store/sqlite/migrate.js";
import { SqliteJobQueue } from "../../src/store/sqlite/sqlite-job-queue.js";

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
