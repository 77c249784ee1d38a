import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { embedMissingPapers } from "../../src/search/embed-papers.js";
import { LiveVectorIndex } from "../../src/search/live-index.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";
import type { SharedGraphs } from "../../src/store/vector-store.js";
import { HashedEmbedder } from "../support/hashed-embedder.js";
import { makePaperInput } from "../support/paper-factory.js";
import { watchVectorReads } from "../support/watched-vectors.js";

const TOPICS = ["graph neural networks", "protein folding", "speech recognition", "image segmentation"];

function paper(i: number) {
  return makePaperInput({
    id: `2509.${String(i + 1).padStart(5, "0")}`,
    title: `${TOPICS[i % TOPICS.length]} study ${i}`,
    abstract: `We study ${TOPICS[i % TOPICS.length]}.`,
  });
}

describe("embedding papers and the live vector index", () => {
  let store: PaperStore;
  const embedder = new HashedEmbedder();
  beforeEach(() => {
    store = openSqliteStore(":memory:");
  });
  afterEach(async () => {
    await store.close();
  });

  it("embeds exactly the papers lacking a vector of the model, in batches, reporting progress", async () => {
    await store.upsertPapers(Array.from({ length: 10 }, (_, i) => paper(i)));
    const progress: number[] = [];
    const embedded = await embedMissingPapers(store, embedder, {
      batchSize: 4,
      onProgress: (p) => progress.push(p.embedded),
    });
    expect(embedded).toBe(10);
    expect(progress).toEqual([4, 8, 10]);
    expect(await store.countPapersLackingVectors(embedder.modelId)).toBe(0);
    expect(await embedMissingPapers(store, embedder)).toBe(0);
    const other = new HashedEmbedder({ modelId: "test-hashed-v2" });
    expect(await embedMissingPapers(store, other)).toBe(10);
    expect(await store.countPapersLackingVectors(embedder.modelId)).toBe(10);
  });

  it("loads the stored vectors, then reads only new ones on each catch-up", async () => {
    await store.upsertPapers(Array.from({ length: 8 }, (_, i) => paper(i)));
    await embedMissingPapers(store, embedder);
    const live = new LiveVectorIndex(store, {
      modelId: embedder.modelId,
      dimensions: 256,
      kind: "exact",
      hnswFrom: 0,
    });
    expect(await live.catchUp()).toBe(8);
    expect(await live.catchUp()).toBe(0);
    await store.upsertPapers([paper(8)]);
    await embedMissingPapers(store, embedder);
    expect(await live.catchUp()).toBe(1);
    expect(live.size).toBe(9);
    const [best] = live.nearest(embedder.embed("protein folding"), 1);
    expect(["2509.00002", "2509.00006"]).toContain(best?.paperId);
  });

  it("switches to an HNSW graph holding every vector once the corpus passes the threshold", async () => {
    await store.upsertPapers(Array.from({ length: 6 }, (_, i) => paper(i)));
    await embedMissingPapers(store, embedder);
    const live = new LiveVectorIndex(store, {
      modelId: embedder.modelId,
      dimensions: 256,
      kind: "auto",
      hnswFrom: 10,
    });
    await live.catchUp();
    expect(live.kind).toBe("exact");
    await store.upsertPapers(Array.from({ length: 6 }, (_, i) => paper(i + 6)));
    await embedMissingPapers(store, embedder);
    await live.catchUp();
    expect(live.kind).toBe("hnsw");
    expect(live.size).toBe(12);
  });

  it("serves the graph saved here when offering it to the other nodes fails, and says so", async () => {
    await store.upsertPapers(Array.from({ length: 12 }, (_, i) => paper(i)));
    await embedMissingPapers(store, embedder);
    const directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-live-index-"));
    const options = {
      modelId: embedder.modelId,
      dimensions: 256,
      kind: "auto" as const,
      hnswFrom: 10,
      snapshotDirectory: directory,
      saveAfter: 1,
    };
    try {
      expect(await new LiveVectorIndex(store, options).catchUp()).toBe(12);
      // A restart on a database that has no shared graph yet and refuses the upload.
      let uploads = 0;
      const sharedGraphs: SharedGraphs = {
        sharedGraph: async () => null,
        downloadGraph: async () => {
          throw new Error("nothing to download");
        },
        uploadGraph: async () => {
          uploads += 1;
          throw new Error("upload refused");
        },
      };
      const refusing = new Proxy(store, {
        get(target, property) {
          if (property === "sharedGraphs") return sharedGraphs;
          const value = Reflect.get(target, property, target) as unknown;
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const restarted = new LiveVectorIndex(refusing, options);
      expect(await restarted.catchUp()).toBe(0);
      expect(restarted.restoredFrom).toBe("local");
      expect(restarted.size).toBe(12);
      expect(restarted.takeSaveError()).toBe("not shared: upload refused");
      expect(uploads).toBe(1);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("stops a build from the stored vectors between batches, keeping the index in place and saving nothing", async () => {
    // More vectors than one batch (2,000): the build reads them in two.
    await store.upsertPapers(Array.from({ length: 2_500 }, (_, i) => paper(i)));
    await embedMissingPapers(store, embedder, { batchSize: 500 });
    const directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-live-index-"));
    try {
      let stopping: Promise<void> | null = null;
      // Read 1: the first batch, which outgrows the exact index; read 2: the graph build's first batch.
      const watched = watchVectorReads(store, (read) => {
        if (read === 2) stopping = live.stop();
      });
      const live: LiveVectorIndex = new LiveVectorIndex(watched, {
        modelId: embedder.modelId,
        dimensions: 256,
        kind: "auto",
        hnswFrom: 10,
        snapshotDirectory: directory,
        saveAfter: 1,
      });
      expect(await live.catchUp()).toBe(0);
      await stopping;
      expect(watched.reads).toBe(2);
      expect(live.kind).toBe("exact");
      expect(live.size).toBe(0);
      expect(live.start).toBeNull();
      expect(readdirSync(directory)).toEqual([]);
      // Stopped for good: later catch-ups read nothing.
      expect(await live.catchUp()).toBe(0);
      expect(watched.reads).toBe(2);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
