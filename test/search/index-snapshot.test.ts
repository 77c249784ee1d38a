import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { embedMissingPapers } from "../../src/search/embed-papers.js";
import { type LiveIndexOptions, LiveVectorIndex } from "../../src/search/live-index.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";
import { HashedEmbedder } from "../support/hashed-embedder.js";
import { makePaperInput } from "../support/paper-factory.js";

const TOPICS = ["graph neural networks", "protein folding", "speech recognition", "image segmentation"];

function paper(i: number) {
  return makePaperInput({
    id: `2509.${String(i + 1).padStart(5, "0")}`,
    title: `${TOPICS[i % TOPICS.length]} study ${i}`,
    abstract: `We study ${TOPICS[i % TOPICS.length]} again.`,
  });
}

describe("the HNSW graph saved next to the database", () => {
  const embedder = new HashedEmbedder();
  let directory: string;
  let store: PaperStore;
  let options: LiveIndexOptions;

  async function addPapers(from: number, count: number): Promise<void> {
    await store.upsertPapers(Array.from({ length: count }, (_, i) => paper(from + i)));
    await embedMissingPapers(store, embedder);
  }

  function graphFile(): string {
    const name = readdirSync(directory).find((file) => file.endsWith(".usearch"));
    if (!name) throw new Error("no graph saved");
    return path.join(directory, name);
  }

  beforeEach(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-snapshot-"));
    store = openSqliteStore(path.join(directory, "paperpulse.db"));
    options = {
      modelId: embedder.modelId,
      dimensions: 256,
      kind: "auto",
      hnswFrom: 10,
      snapshotDirectory: directory,
      saveAfter: 1,
    };
  });
  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("is loaded at start instead of rebuilt, then brought up to date with only the newer vectors", async () => {
    await addPapers(0, 12);
    const first = new LiveVectorIndex(store, options);
    expect(await first.catchUp()).toBe(12);
    expect(first.kind).toBe("hnsw");

    const restarted = new LiveVectorIndex(store, options);
    expect(await restarted.catchUp()).toBe(0);
    expect(restarted.kind).toBe("hnsw");
    expect(restarted.size).toBe(12);
    expect(restarted.snapshotRejection).toBeNull();
    const [best] = restarted.nearest(embedder.embed("protein folding"), 1);
    expect(best?.paperId).toMatch(/^2509\.000(02|06|10)$/);

    await addPapers(12, 3);
    const later = new LiveVectorIndex(store, options);
    expect(await later.catchUp()).toBe(3);
    expect(later.size).toBe(15);
    // The catch-up saved the graph again: the next start reads nothing.
    expect(await new LiveVectorIndex(store, options).catchUp()).toBe(0);
  });

  it("rebuilds a damaged file from the store, never loads it", async () => {
    await addPapers(0, 12);
    await new LiveVectorIndex(store, options).catchUp();
    const bytes = readFileSync(graphFile());
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    writeFileSync(graphFile(), bytes);

    const restarted = new LiveVectorIndex(store, options);
    expect(await restarted.catchUp()).toBe(12);
    expect(restarted.snapshotRejection).toBe("damaged");
    expect(restarted.kind).toBe("hnsw");
    expect(await new LiveVectorIndex(store, options).catchUp()).toBe(0);

    writeFileSync(graphFile(), bytes.subarray(0, 100));
    const truncated = new LiveVectorIndex(store, options);
    expect(await truncated.catchUp()).toBe(12);
    expect(truncated.snapshotRejection).toBe("damaged");
  });

  it("ignores a graph of another model or one ahead of the store", async () => {
    await addPapers(0, 12);
    await new LiveVectorIndex(store, options).catchUp();
    const meta = readdirSync(directory).find((file) => file.endsWith(".json"))!;
    const saved = JSON.parse(readFileSync(path.join(directory, meta), "utf8")) as { modelId: string };
    writeFileSync(path.join(directory, meta), JSON.stringify({ ...saved, modelId: "another-model" }));
    const otherModel = new LiveVectorIndex(store, options);
    expect(await otherModel.catchUp()).toBe(12);
    expect(otherModel.snapshotRejection).toBe("other model or settings");

    // A fresh database beside the saved graph: its vectors were never in that graph.
    await store.close();
    rmSync(path.join(directory, "paperpulse.db"));
    store = openSqliteStore(path.join(directory, "paperpulse.db"));
    await addPapers(20, 5);
    const fresh = new LiveVectorIndex(store, options);
    expect(await fresh.catchUp()).toBe(5);
    expect(fresh.snapshotRejection).toBe("ahead of the store");
    expect(fresh.size).toBe(5);
  });

  it("is neither read nor written for the exact index", async () => {
    await addPapers(0, 12);
    await new LiveVectorIndex(store, { ...options, kind: "exact" }).catchUp();
    expect(readdirSync(directory).some((file) => file.endsWith(".usearch"))).toBe(false);
  });
});
