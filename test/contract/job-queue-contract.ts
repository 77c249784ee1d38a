import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JobQueue } from "../../src/jobs/queue.js";

/**
 * One database's job queue, as several workers see it: `queue` and each `worker()` are separate
 * connections (separate processes, in production) to the same jobs. Times are real: pg-boss reads
 * the database's clock.
 */
export interface QueueWorld {
  queue: JobQueue;
  worker(): Promise<JobQueue>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fetches until a job comes (or the time is up): lease expiry and retries fall due in the background. */
async function fetchWithin<T>(queue: JobQueue, name: string, ms: number, leaseSeconds = 30) {
  const until = Date.now() + ms;
  for (;;) {
    const jobs = await queue.fetch<T>(name, { batchSize: 1, leaseSeconds });
    if (jobs.length > 0 || Date.now() > until) return jobs;
    await sleep(100);
  }
}

export function describeJobQueueContract(label: string, open: () => Promise<QueueWorld>): void {
  describe(`the job queue (${label})`, () => {
    let world: QueueWorld;
    beforeEach(async () => {
      world = await open();
    });
    afterEach(async () => {
      await world.close();
    });

    it("keeps one job per singleton key and queue, in every state", async () => {
      const { queue } = world;
      const id = await queue.send("q", { n: 1 }, { singletonKey: "k" });
      expect(id).not.toBeNull();
      expect(await queue.send("q", { n: 2 }, { singletonKey: "k" })).toBeNull();
      expect(await queue.send("other", { n: 3 }, { singletonKey: "k" })).not.toBeNull();
      const [job] = await queue.fetch<{ n: number }>("q", { batchSize: 10, leaseSeconds: 30 });
      expect(job).toEqual({ id, name: "q", data: { n: 1 }, retryCount: 0 });
      expect(await queue.send("q", { n: 4 }, { singletonKey: "k" })).toBeNull();
      await queue.complete("q", id!);
      expect(await queue.send("q", { n: 5 }, { singletonKey: "k" })).toBeNull();
      expect(await queue.fetch("q", { batchSize: 10, leaseSeconds: 30 })).toEqual([]);
      // Without a key, every send is a job.
      expect(await queue.send("q", { n: 6 })).not.toBeNull();
      expect(await queue.send("q", { n: 6 })).not.toBeNull();
      expect(await queue.counts("q")).toMatchObject({ waiting: 2, active: 0, completed: 1, failed: 0 });
    });

    it("holds a job until its start time", async () => {
      const { queue } = world;
      const startAfter = new Date(Date.now() + 1_500);
      const id = await queue.send("q", { n: 1 }, { startAfter });
      expect(await queue.fetch("q", { batchSize: 10, leaseSeconds: 30 })).toEqual([]);
      const counts = await queue.counts("q");
      expect(counts).toMatchObject({ waiting: 1, active: 0 });
      expect(Math.abs(counts.nextStartAfter!.getTime() - startAfter.getTime())).toBeLessThan(5);
      await sleep(1_600);
      expect((await queue.fetch("q", { batchSize: 10, leaseSeconds: 30 })).map((job) => job.id)).toEqual([
        id,
      ]);
      expect(await queue.counts("q")).toMatchObject({ waiting: 0, active: 1, nextStartAfter: null });
    });

    it("retries a temporary failure after its backoff, until the retries are used up", async () => {
      const { queue } = world;
      await queue.send("q", { n: 1 }, { retryLimit: 2, retryDelay: 1, retryBackoff: true });
      const waits: number[] = [];
      const attempts: number[] = [];
      for (;;) {
        const [job] = await queue.fetch("q", { batchSize: 1, leaseSeconds: 30 });
        if (!job) {
          const { nextStartAfter } = await queue.counts("q");
          if (!nextStartAfter) break;
          await sleep(Math.max(0, nextStartAfter.getTime() - Date.now()) + 20);
          continue;
        }
        attempts.push(job.retryCount);
        const failedAt = Date.now();
        await queue.fail("q", job.id, "451 try later", { permanent: false });
        const { nextStartAfter } = await queue.counts("q");
        if (nextStartAfter) waits.push((nextStartAfter.getTime() - failedAt) / 1_000);
      }
      expect(attempts).toEqual([0, 1, 2]);
      // Retry n waits retryDelay × 2^(n−1) at least (pg-boss adds up to as much again as jitter).
      expect(waits).toHaveLength(2);
      expect(waits[0]).toBeGreaterThanOrEqual(0.95);
      expect(waits[0]).toBeLessThan(2.1);
      expect(waits[1]).toBeGreaterThanOrEqual(1.95);
      expect(waits[1]).toBeLessThan(4.1);
      expect(await queue.counts("q")).toMatchObject({ waiting: 0, active: 0, failed: 1 });
    });

    it("fails a permanent failure at once, retries left or not", async () => {
      const { queue } = world;
      const id = await queue.send("q", { n: 1 }, { retryLimit: 5, retryDelay: 0 });
      const [job] = await queue.fetch("q", { batchSize: 1, leaseSeconds: 30 });
      expect(job?.id).toBe(id);
      await queue.fail("q", id!, "550 no such user", { permanent: true });
      expect(await queue.fetch("q", { batchSize: 1, leaseSeconds: 30 })).toEqual([]);
      expect(await queue.counts("q")).toMatchObject({ waiting: 0, active: 0, completed: 0, failed: 1 });
    });

    it("gives a job to one worker at a time, and to another when the first one's lease runs out", async () => {
      const { queue } = world;
      const other = await world.worker();
      const id = await queue.send("q", { n: 1 });
      expect((await queue.fetch("q", { batchSize: 10, leaseSeconds: 1 })).map((job) => job.id)).toEqual([id]);
      expect(await other.fetch("q", { batchSize: 10, leaseSeconds: 30 })).toEqual([]);
      // The first worker died holding it: after its lease, the other worker gets it.
      const [again] = await fetchWithin(other, "q", 10_000);
      expect(again?.id).toBe(id);
      await other.complete("q", id!);
      expect(await fetchWithin(queue, "q", 1_500, 1)).toEqual([]);
      expect(await queue.counts("q")).toMatchObject({ waiting: 0, active: 0, completed: 1 });
    });

    it("hands out again a job whose worker died, even with no retries left (a lapsed lease is no failure)", async () => {
      const { queue } = world;
      const id = await queue.send("q", { n: 1 }, { singletonKey: "k", retryLimit: 0 });
      expect(await queue.fetch("q", { batchSize: 1, leaseSeconds: 1 })).toHaveLength(1);
      const [again] = await fetchWithin(queue, "q", 10_000);
      expect(again?.id).toBe(id);
      expect(again?.data).toEqual({ n: 1 });
    });

    it("keeps one job per exclusive key waiting and runs them one at a time", async () => {
      const { queue } = world;
      const other = await world.worker();
      const first = await queue.send("pass", { n: 1 }, { exclusiveKey: "all" });
      expect(first).not.toBeNull();
      // One waiting job covers every request for the work: a second send while it waits is refused.
      expect(await queue.send("pass", { n: 2 }, { exclusiveKey: "all" })).toBeNull();
      expect((await queue.fetch("pass", { batchSize: 10, leaseSeconds: 30 })).map((job) => job.id)).toEqual([
        first,
      ]);
      // Once it runs, one more may wait (work arrived meanwhile), but no worker starts it alongside.
      const second = await queue.send("pass", { n: 3 }, { exclusiveKey: "all" });
      expect(second).not.toBeNull();
      expect(await queue.send("pass", { n: 4 }, { exclusiveKey: "all" })).toBeNull();
      expect(await other.fetch("pass", { batchSize: 10, leaseSeconds: 30 })).toEqual([]);
      await queue.complete("pass", first!);
      const [next] = await other.fetch<{ n: number }>("pass", { batchSize: 10, leaseSeconds: 30 });
      expect(next).toMatchObject({ id: second, data: { n: 3 } });
      expect(await queue.counts("pass")).toMatchObject({ waiting: 0, active: 1, completed: 1 });
    });

    it("hands the waiting exclusive job on when the running one's lease runs out", async () => {
      const { queue } = world;
      const first = await queue.send("pass", { n: 1 }, { exclusiveKey: "all" });
      expect(await queue.fetch("pass", { batchSize: 1, leaseSeconds: 1 })).toHaveLength(1);
      const second = await queue.send("pass", { n: 2 }, { exclusiveKey: "all" });
      const other = await world.worker();
      const taken = (await fetchWithin(other, "pass", 10_000)).map((job) => job.id);
      // Either may come first (the lapsed one is retried); never both at once.
      expect([first, second]).toContain(taken[0]);
      expect(taken).toHaveLength(1);
      expect(await other.fetch("pass", { batchSize: 10, leaseSeconds: 30 })).toEqual([]);
    });

    it("hands every job to exactly one of several concurrent workers", async () => {
      const jobs = 300;
      for (let n = 0; n < jobs; n++) await world.queue.send("q", { n });
      const workers = [world.queue, ...(await Promise.all([1, 2, 3, 4, 5].map(() => world.worker())))];
      const handled: number[] = [];
      await Promise.all(
        workers.map(async (worker) => {
          for (;;) {
            const batch = await worker.fetch<{ n: number }>("q", { batchSize: 7, leaseSeconds: 60 });
            if (batch.length === 0) return;
            for (const job of batch) {
              handled.push(job.data.n);
              await worker.complete("q", job.id);
            }
          }
        }),
      );
      expect(handled).toHaveLength(jobs);
      expect(new Set(handled).size).toBe(jobs);
      expect(await world.queue.counts("q")).toMatchObject({ waiting: 0, active: 0, completed: jobs });
    });
  });
}
