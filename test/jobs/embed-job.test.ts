import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { EMBED_QUEUE, embedJob, requestEmbedding } from "../../src/jobs/embed-job.js";
import { type JobRunner, startJobRunner } from "../../src/jobs/job-runner.js";
import type { Stores } from "../../src/store/community-stores.js";
import { openSqliteStores } from "../../src/store/sqlite/open-stores.js";
import type { PaperStore } from "../../src/store/store.js";
import { HashedEmbedder } from "../support/hashed-embedder.js";
import { makePaperInput } from "../support/paper-factory.js";

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

const embeddedCount = (lines: string[]) =>
  lines
    .map((line) => /^embedded (\d+) papers/.exec(line)?.[1])
    .filter((count) => count !== undefined)
    .reduce((sum, count) => sum + Number(count), 0);

async function until(probe: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await delay(20);
  }
}

describe("the embedding job", () => {
  let directory: string;
  const opened: Stores[] = [];
  const runners: JobRunner[] = [];
  const open = () => {
    const stores = openSqliteStores(path.join(directory, "paperpulse.db"));
    opened.push(stores);
    return stores;
  };
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    for (const stores of opened.splice(0)) await stores.papers.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("is queued only while papers lack vectors, and once while one waits", async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-embed-job-"));
    const { papers, digest } = open();
    const embedder = new HashedEmbedder();
    expect(await requestEmbedding(digest.queue, papers, embedder.modelId)).toBe(false);
    await papers.upsertPapers([makePaperInput()]);
    expect(await requestEmbedding(digest.queue, papers, embedder.modelId)).toBe(true);
    expect(await requestEmbedding(digest.queue, papers, embedder.modelId)).toBe(false);
    expect(await digest.queue.counts(EMBED_QUEUE)).toMatchObject({ waiting: 1 });
  });

  it("embeds at most its limit per job and queues the next one until every paper has a vector of the model", async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-embed-job-"));
    const { papers, digest } = open();
    await papers.upsertPapers(Array.from({ length: 5 }, () => makePaperInput()));
    const { lines, log } = recordingLog();
    const old = new HashedEmbedder({ modelId: "old-model" });
    const embedder = new HashedEmbedder({ modelId: "new-model" });
    for (const model of [old, embedder]) {
      const passes: number[] = [];
      const job = embedJob({ store: papers, embedder: model, queue: digest.queue, log, limit: 2 });
      runners.push(
        startJobRunner({
          queue: digest.queue,
          handlers: [
            { ...job, run: (data, signal) => job.run(data, signal).then(() => void passes.push(1)) },
          ],
          pollMs: 10,
          log,
        }),
      );
      await requestEmbedding(digest.queue, papers, model.modelId);
      await until(async () => (await papers.countPapersLackingVectors(model.modelId)) === 0);
      await until(async () => (await digest.queue.counts(EMBED_QUEUE)).active === 0);
      await runners.pop()!.stop();
      // Papers embedded by another model are embedded anew: three jobs of at most two papers each.
      expect(passes).toHaveLength(3);
    }
    expect(lines.filter((line) => line.includes("with new-model"))).toEqual([
      "embedded 2 papers with new-model",
      "embedded 2 papers with new-model",
      "embedded 1 papers with new-model",
    ]);
  });

  it("embeds each paper once although several workers on one database ask for it and take jobs", async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-embed-job-"));
    const embedder = new HashedEmbedder();
    const first = open();
    await first.papers.upsertPapers(Array.from({ length: 300 }, () => makePaperInput()));
    const { lines, log } = recordingLog();
    const workers = [first, open(), open()];
    for (const { papers, digest } of workers) {
      // A database across a network: the answer to the read of papers to embed takes a moment to
      // arrive, in which the other workers run (in-process SQLite answers at once, so nothing could
      // ever interleave between a job's read and its write).
      const distant: PaperStore = Object.create(papers);
      distant.papersLackingVectors = async (...args) => {
        const rows = await papers.papersLackingVectors(...args);
        await delay(2);
        return rows;
      };
      runners.push(
        startJobRunner({
          queue: digest.queue,
          handlers: [
            embedJob({ store: distant, embedder, queue: digest.queue, log, limit: 40, batchSize: 8 }),
          ],
          pollMs: 5,
          log,
        }),
      );
    }
    // Every worker keeps asking while papers lack vectors, as the worker's timer does.
    await until(async () => {
      for (const { papers, digest } of workers)
        await requestEmbedding(digest.queue, papers, embedder.modelId);
      return (await first.papers.countPapersLackingVectors(embedder.modelId)) === 0;
    });
    await until(async () => (await first.digest.queue.counts(EMBED_QUEUE)).active === 0);
    expect(embeddedCount(lines)).toBe(300);
  });

  it("stopped part-way, leaves without waiting for the index to catch up and queues no next pass", async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-embed-job-"));
    const { papers, digest } = open();
    await papers.upsertPapers(Array.from({ length: 5 }, () => makePaperInput()));
    const { log } = recordingLog();
    const stop = new AbortController();
    const hashed = new HashedEmbedder();
    // The stop arrives while the first batch is being embedded.
    const embedder = {
      modelId: hashed.modelId,
      dimensions: hashed.dimensions,
      embed: (text: string) => {
        stop.abort();
        return hashed.embed(text);
      },
    };
    let caughtUp = 0;
    const job = embedJob({
      store: papers,
      embedder,
      queue: digest.queue,
      log,
      limit: 2,
      batchSize: 2,
      afterPass: async () => void caughtUp++,
    });
    await job.run({}, stop.signal);
    expect(caughtUp).toBe(0);
    expect(await papers.countPapersLackingVectors(hashed.modelId)).toBe(3);
    expect(await digest.queue.counts(EMBED_QUEUE)).toMatchObject({ waiting: 0 });
  });

  it("stops waiting for the index to catch up when stopped meanwhile", async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-embed-job-"));
    const { papers, digest } = open();
    await papers.upsertPapers([makePaperInput()]);
    const { log } = recordingLog();
    const stop = new AbortController();
    let catchingUp = false;
    const job = embedJob({
      store: papers,
      embedder: new HashedEmbedder(),
      queue: digest.queue,
      log,
      // A first index build: far longer than the job's lease.
      afterPass: () => {
        catchingUp = true;
        return new Promise(() => {});
      },
    });
    const ran = job.run({}, stop.signal).then(() => "returned");
    await until(async () => catchingUp);
    stop.abort();
    expect(await Promise.race([ran, delay(5_000).then(() => "still waiting")])).toBe("returned");
  });
});
