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
});
