import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { embedMissingPapers } from "../../src/search/embed-papers.js";
import { type IndexRefresh, startIndexRefresh } from "../../src/search/index-refresh.js";
import { LiveVectorIndex } from "../../src/search/live-index.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";
import { HashedEmbedder } from "../support/hashed-embedder.js";
import { makePaperInput } from "../support/paper-factory.js";
import { watchVectorReads } from "../support/watched-vectors.js";

const silent = { info() {}, warn() {}, error() {} };

/** An HNSW index that saves its graph in the directory after every change. */
function savedGraphOptions(directory: string, modelId: string) {
  return {
    modelId,
    dimensions: 256,
    kind: "hnsw" as const,
    hnswFrom: 0,
    snapshotDirectory: directory,
    saveAfter: 1,
  };
}

describe("a web node's vector index refresh", () => {
  let directory: string;
  const stores: PaperStore[] = [];
  let refresh: IndexRefresh | null = null;
  afterEach(async () => {
    await refresh?.stop();
    refresh = null;
    for (const store of stores.splice(0)) await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("reads the vectors another process embedded, on each look", async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-index-refresh-"));
    const file = path.join(directory, "paperpulse.db");
    const worker = openSqliteStore(file);
    const web = openSqliteStore(file);
    stores.push(worker, web);
    const embedder = new HashedEmbedder();
    const index = new LiveVectorIndex(web, {
      modelId: embedder.modelId,
      dimensions: 256,
      kind: "exact",
      hnswFrom: 0,
    });
    refresh = startIndexRefresh(index, 60_000, silent);
    await worker.upsertPapers(Array.from({ length: 3 }, () => makePaperInput()));
    await embedMissingPapers(worker, embedder);
    expect(await refresh.refreshNow()).toBe(3);
    await worker.upsertPapers([makePaperInput()]);
    await embedMissingPapers(worker, embedder);
    expect(await refresh.refreshNow()).toBe(1);
    expect(index.size).toBe(4);
  });

  it("says once when the saved vector graph could not be used and was rebuilt", async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-index-refresh-"));
    const store = openSqliteStore(":memory:");
    stores.push(store);
    await store.upsertPapers(Array.from({ length: 3 }, () => makePaperInput()));
    const embedder = new HashedEmbedder();
    await embedMissingPapers(store, embedder);
    const options = savedGraphOptions(directory, embedder.modelId);
    await new LiveVectorIndex(store, options).catchUp();
    for (const file of readdirSync(directory).filter((name) => name.endsWith(".usearch"))) {
      writeFileSync(path.join(directory, file), "not a graph");
    }
    const warnings: string[] = [];
    const index = new LiveVectorIndex(store, options);
    refresh = startIndexRefresh(index, 60_000, {
      ...silent,
      warn: (message: string) => warnings.push(message),
    });
    await refresh.refreshNow();
    await refresh.refreshNow();
    expect(warnings).toEqual(["saved vector graph not used (damaged): rebuilt from the stored vectors"]);
    expect(index.size).toBe(3);
  });

  it("tells once, at start, where the index's vectors came from and how long each phase took", async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-index-refresh-"));
    const store = openSqliteStore(":memory:");
    stores.push(store);
    await store.upsertPapers(Array.from({ length: 3 }, () => makePaperInput()));
    const embedder = new HashedEmbedder();
    const options = savedGraphOptions(directory, embedder.modelId);
    const starts: { details: Record<string, unknown>; message: string }[] = [];
    const log = {
      ...silent,
      info: (details: unknown, message?: string) => {
        if (typeof details === "object" && message)
          starts.push({ details: details as Record<string, unknown>, message });
      },
    };
    const first = startIndexRefresh(new LiveVectorIndex(store, options), 60_000, log);
    await first.refreshNow();
    await first.stop();
    await embedMissingPapers(store, embedder);
    await new LiveVectorIndex(store, options).catchUp();
    refresh = startIndexRefresh(new LiveVectorIndex(store, options), 60_000, log);
    await refresh.refreshNow();
    await refresh.refreshNow();

    expect(starts.map(({ details }) => details.vectorIndex)).toMatchObject([
      { from: "vectors", size: 0, vectorsRead: 0 },
      { from: "local", size: 3, vectorsRead: 0, kind: "hnsw" },
    ]);
    expect(starts[1]?.message).toMatch(
      /^vector index ready in \d+\.\d s: 3 vectors \(hnsw\) from the graph saved here \(checksum \d+\.\d s, store check \d+\.\d s, load \d+\.\d s, 0 vectors read \d+\.\d s\)$/,
    );
  });

  it("stops the first build at its next batch when the node shuts down, and tells no start", async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-index-refresh-"));
    const store = openSqliteStore(":memory:");
    stores.push(store);
    await store.upsertPapers(Array.from({ length: 2_500 }, () => makePaperInput()));
    const embedder = new HashedEmbedder();
    await embedMissingPapers(store, embedder, { batchSize: 500 });
    let stopping: Promise<void> | null = null;
    const watched = watchVectorReads(store, (read) => {
      if (read === 2) stopping = refresh!.stop();
    });
    const index = new LiveVectorIndex(watched, savedGraphOptions(directory, embedder.modelId));
    const lines: string[] = [];
    const log = {
      info: (details: unknown, message?: string) => lines.push(message ?? String(details)),
      warn: (message: string) => lines.push(message),
      error() {},
    };
    refresh = startIndexRefresh(index, 60_000, log);
    await refresh.refreshNow();
    await stopping;
    expect(watched.reads).toBe(2);
    expect(index.size).toBe(0);
    expect(readdirSync(directory)).toEqual([]);
    expect(lines).toEqual([]);
  });

  it("runs one more look when asked during a look that read the store before the new vectors", async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-index-refresh-"));
    const store = openSqliteStore(":memory:");
    stores.push(store);
    const embedder = new HashedEmbedder();
    let asked: Promise<number> | null = null;
    // The start's look has read nothing yet when an embedding pass saves three vectors and asks.
    const watched = watchVectorReads(store, async (read) => {
      if (read !== 1) return;
      await store.upsertPapers(Array.from({ length: 3 }, () => makePaperInput()));
      await embedMissingPapers(store, embedder);
      asked = refresh!.refreshNow();
    });
    const index = new LiveVectorIndex(watched, {
      modelId: embedder.modelId,
      dimensions: 256,
      kind: "exact",
      hnswFrom: 0,
    });
    refresh = startIndexRefresh(index, 60_000, silent);
    await refresh.refreshNow();
    expect(asked).not.toBeNull();
    expect(await asked).toBe(3);
    expect(index.size).toBe(3);
  });

  it("tries a failed graph save again only after more vectors, not at every look", async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), "paperpulse-index-refresh-"));
    const store = openSqliteStore(":memory:");
    stores.push(store);
    const embedder = new HashedEmbedder();
    // A file where the graph's folder should be: every save fails.
    const folder = path.join(directory, "graphs");
    writeFileSync(folder, "not a folder");
    const warnings: string[] = [];
    const index = new LiveVectorIndex(store, {
      ...savedGraphOptions(folder, embedder.modelId),
      saveAfter: 3,
    });
    refresh = startIndexRefresh(index, 60_000, {
      ...silent,
      warn: (message: string) => warnings.push(message),
    });
    const saveFailures = () =>
      warnings.filter((message) => message.startsWith("vector graph not saved")).length;
    async function addAndLook(count: number): Promise<number> {
      await store.upsertPapers(Array.from({ length: count }, () => makePaperInput()));
      await embedMissingPapers(store, embedder);
      return refresh!.refreshNow();
    }
    await refresh.refreshNow();
    expect(await addAndLook(3)).toBe(3);
    expect(saveFailures()).toBe(1);
    expect(await addAndLook(1)).toBe(1);
    expect(await addAndLook(1)).toBe(1);
    expect(saveFailures()).toBe(1);
    rmSync(folder);
    expect(await addAndLook(1)).toBe(1);
    expect(saveFailures()).toBe(1);
    expect(readdirSync(folder).some((name) => name.endsWith(".usearch"))).toBe(true);
  });
});
