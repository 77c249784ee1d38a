import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type EmbedJob, startEmbedJob } from "../../src/jobs/embed-job.js";
import { LiveVectorIndex } from "../../src/search/live-index.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";
import { HashedEmbedder } from "../support/hashed-embedder.js";
import { makePaperInput } from "../support/paper-factory.js";

const silent = { info() {}, warn() {}, error() {} };

describe("the background embedding job", () => {
  let store: PaperStore;
  let job: EmbedJob | null = null;
  afterEach(async () => {
    await job?.stop();
    await store.close();
  });

  it("embeds every paper at start, then new papers and papers of another model on later passes", async () => {
    store = openSqliteStore(":memory:");
    await store.upsertPapers([makePaperInput(), makePaperInput(), makePaperInput()]);
    const old = new HashedEmbedder({ modelId: "old-model" });
    const oldIndex = new LiveVectorIndex(store, {
      modelId: old.modelId,
      dimensions: 256,
      kind: "exact",
      hnswFrom: 0,
    });
    const first = startEmbedJob({ store, embedder: old, index: oldIndex, log: silent, intervalMs: 60_000 });
    expect(await first.runNow()).toBe(3);
    await first.stop();

    const embedder = new HashedEmbedder({ modelId: "new-model" });
    const index = new LiveVectorIndex(store, {
      modelId: embedder.modelId,
      dimensions: 256,
      kind: "exact",
      hnswFrom: 0,
    });
    job = startEmbedJob({ store, embedder, index, log: silent, intervalMs: 60_000 });
    expect(await job.runNow()).toBe(3);
    expect(index.size).toBe(3);
    await store.upsertPapers([makePaperInput({ title: "Fresh paper" })]);
    expect(await job.runNow()).toBe(1);
    expect(index.size).toBe(4);
    expect(await store.countPapersLackingVectors(embedder.modelId)).toBe(0);
  });

  it("tells once, at start, where the index's vectors came from and how long each phase took", async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-embed-job-"));
    try {
      store = openSqliteStore(":memory:");
      await store.upsertPapers(Array.from({ length: 3 }, () => makePaperInput()));
      const embedder = new HashedEmbedder();
      const options = {
        modelId: embedder.modelId,
        dimensions: 256,
        kind: "hnsw" as const,
        hnswFrom: 0,
        snapshotDirectory: directory,
        saveAfter: 1,
      };
      const starts: { details: Record<string, unknown>; message: string }[] = [];
      const log = {
        ...silent,
        info: (details: unknown, message?: string) => {
          if (typeof details === "object" && message)
            starts.push({ details: details as Record<string, unknown>, message });
        },
      };
      const first = startEmbedJob({
        store,
        embedder,
        index: new LiveVectorIndex(store, options),
        log,
        intervalMs: 60_000,
      });
      await first.runNow();
      await first.stop();
      job = startEmbedJob({
        store,
        embedder,
        index: new LiveVectorIndex(store, options),
        log,
        intervalMs: 60_000,
      });
      await job.runNow();
      await job.runNow();

      expect(starts.map(({ details }) => details.vectorIndex)).toMatchObject([
        { from: "vectors", size: 0, vectorsRead: 0 },
        { from: "local", size: 3, vectorsRead: 0, kind: "hnsw" },
      ]);
      expect(starts[1]?.message).toMatch(
        /^vector index ready in \d+\.\d s: 3 vectors \(hnsw\) from the graph saved here \(checksum \d+\.\d s, store check \d+\.\d s, load \d+\.\d s, 0 vectors read \d+\.\d s\)$/,
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("says once when the saved vector graph could not be used and was rebuilt", async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-embed-job-"));
    try {
      store = openSqliteStore(":memory:");
      await store.upsertPapers(Array.from({ length: 3 }, () => makePaperInput()));
      const embedder = new HashedEmbedder();
      const options = {
        modelId: embedder.modelId,
        dimensions: 256,
        kind: "hnsw" as const,
        hnswFrom: 0,
        snapshotDirectory: directory,
        saveAfter: 1,
      };
      const first = startEmbedJob({
        store,
        embedder,
        index: new LiveVectorIndex(store, options),
        log: silent,
        intervalMs: 60_000,
      });
      await first.runNow();
      await first.stop();
      for (const file of readdirSync(directory).filter((name) => name.endsWith(".usearch"))) {
        writeFileSync(path.join(directory, file), "not a graph");
      }
      const warnings: string[] = [];
      const log = { ...silent, warn: (message: string) => warnings.push(message) };
      const index = new LiveVectorIndex(store, options);
      job = startEmbedJob({ store, embedder, index, log, intervalMs: 60_000 });
      await job.runNow();
      await job.runNow();
      expect(warnings).toEqual(["saved vector graph not used (damaged): rebuilt from the stored vectors"]);
      expect(index.size).toBe(3);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
