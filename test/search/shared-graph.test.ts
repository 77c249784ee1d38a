import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { embedMissingPapers } from "../../src/search/embed-papers.js";
import { DEFAULT_HNSW } from "../../src/search/hnsw-index.js";
import { IndexSnapshot } from "../../src/search/index-snapshot.js";
import { type LiveIndexOptions, LiveVectorIndex } from "../../src/search/live-index.js";
import { PostgresGraphs } from "../../src/store/postgres/postgres-graphs.js";
import { openPostgresStore } from "../../src/store/postgres/postgres-store.js";
import type { PaperStore } from "../../src/store/store.js";
import { HashedEmbedder } from "../support/hashed-embedder.js";
import { makePaperInput } from "../support/paper-factory.js";
import { TEST_DATABASE_URL, testSchemaUrl } from "../support/postgres.js";

/** This process's open files inside a folder. */
function openFilesIn(folder: string): string[] {
  return readdirSync("/proc/self/fd")
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return "";
      }
    })
    .filter((file) => file.startsWith(folder));
}

/** The graph and description files in a folder, by name. */
function filesIn(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder).map((name) => [name, readFileSync(path.join(folder, name)).toString("base64")]),
  );
}

const TOPICS = ["graph neural networks", "protein folding", "speech recognition", "image segmentation"];

function paper(i: number) {
  return makePaperInput({
    id: `2509.${String(i + 1).padStart(5, "0")}`,
    title: `${TOPICS[i % TOPICS.length]} study ${i}`,
    abstract: `We study ${TOPICS[i % TOPICS.length]} once more.`,
  });
}

/** Two web nodes on one database: each its own data folder, so only the database can carry the graph. */
describe.skipIf(TEST_DATABASE_URL === null)("the HNSW graph shared through PostgreSQL", () => {
  const embedder = new HashedEmbedder();
  const folders: string[] = [];
  let url: string;
  let store: PaperStore;

  function nodeOptions(): LiveIndexOptions {
    const folder = mkdtempSync(path.join(os.tmpdir(), "paperpulse-node-"));
    folders.push(folder);
    return {
      modelId: embedder.modelId,
      dimensions: 256,
      kind: "auto",
      hnswFrom: 10,
      snapshotDirectory: folder,
      saveAfter: 1,
    };
  }

  async function addPapers(from: number, count: number): Promise<void> {
    await store.upsertPapers(Array.from({ length: count }, (_, i) => paper(from + i)));
    await embedMissingPapers(store, embedder);
  }

  async function onDatabase(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  async function onDatabaseRows<T>(sql: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  beforeEach(async () => {
    url = await testSchemaUrl();
    store = await openPostgresStore(url);
  });
  afterEach(async () => {
    await store.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it("lets a fresh node load the graph another node built instead of building its own", async () => {
    await addPapers(0, 12);
    const first = new LiveVectorIndex(store, nodeOptions());
    expect(await first.catchUp()).toBe(12);
    expect(first.restoredFrom).toBeNull();

    const fresh = new LiveVectorIndex(store, nodeOptions());
    expect(await fresh.catchUp()).toBe(0);
    expect(fresh.restoredFrom).toBe("shared");
    expect(fresh.kind).toBe("hnsw");
    expect(fresh.size).toBe(12);
    const [best] = fresh.nearest(embedder.embed("protein folding"), 1);
    expect(best?.paperId).toMatch(/^2509\.000(02|06|10)$/);
  });

  it("says how a fresh node got its graph: downloaded, hashed on the way, no vectors read", async () => {
    await addPapers(0, 12);
    await new LiveVectorIndex(store, nodeOptions()).catchUp();
    const [stored] = await onDatabaseRows<{ bytes: number }>(
      "SELECT sum(length(bytes))::int AS bytes FROM vector_graph_chunks",
    );

    const fresh = new LiveVectorIndex(store, nodeOptions());
    await fresh.catchUp();
    expect(fresh.start).toMatchObject({
      from: "shared",
      size: 12,
      vectorsRead: 0,
      downloadedBytes: stored!.bytes,
    });
    expect(fresh.start?.seconds.download).toBeGreaterThan(0);
    expect(fresh.start?.seconds.load).toBeGreaterThan(0);
    // The checksum was taken while downloading: the file is not read a second time for it.
    expect(fresh.start?.seconds.checksum).toBeUndefined();
  });

  it("does not offer the database a graph it already holds when a node restarts", async () => {
    await addPapers(0, 12);
    const options = nodeOptions();
    await new LiveVectorIndex(store, options).catchUp();
    const [before] = await onDatabaseRows<{ saved_at: string }>("SELECT saved_at FROM vector_graphs");

    const restarted = new LiveVectorIndex(store, options);
    await restarted.catchUp();
    expect(restarted.start).toMatchObject({ from: "local", downloadedBytes: 0 });
    expect(restarted.start?.seconds.checksum).toBeGreaterThan(0);
    expect(restarted.start?.seconds.share).toBeUndefined();
    expect(await onDatabaseRows("SELECT saved_at FROM vector_graphs")).toEqual([before]);
  });

  it("takes a graph a node saved in its own folder when the database has none, for the next nodes", async () => {
    await addPapers(0, 12);
    const options = nodeOptions();
    await new LiveVectorIndex(store, options).catchUp();
    await onDatabase("DELETE FROM vector_graphs");

    const restarted = new LiveVectorIndex(store, options);
    expect(await restarted.catchUp()).toBe(0);
    expect(restarted.restoredFrom).toBe("local");
    expect(restarted.start?.seconds.share).toBeGreaterThan(0);
    const fresh = new LiveVectorIndex(store, nodeOptions());
    expect(await fresh.catchUp()).toBe(0);
    expect(fresh.restoredFrom).toBe("shared");
    expect(fresh.size).toBe(12);
  });

  it("catches a stale shared graph up with the vectors saved after it, and shares the newer one", async () => {
    await addPapers(0, 12);
    await new LiveVectorIndex(store, nodeOptions()).catchUp();
    await addPapers(12, 3);

    const behind = new LiveVectorIndex(store, nodeOptions());
    expect(await behind.catchUp()).toBe(3);
    expect(behind.restoredFrom).toBe("shared");
    expect(behind.size).toBe(15);

    const next = new LiveVectorIndex(store, nodeOptions());
    expect(await next.catchUp()).toBe(0);
    expect(next.size).toBe(15);
  });

  it("never trusts a damaged shared graph: the node rebuilds from the vectors and replaces it", async () => {
    await addPapers(0, 12);
    await new LiveVectorIndex(store, nodeOptions()).catchUp();
    await onDatabase("UPDATE vector_graph_chunks SET bytes = overlay(bytes placing '\\xff'::bytea from 100)");

    const damaged = new LiveVectorIndex(store, nodeOptions());
    expect(await damaged.catchUp()).toBe(12);
    expect(damaged.snapshotRejection).toBe("damaged");
    expect(damaged.restoredFrom).toBeNull();
    expect(damaged.size).toBe(12);

    const next = new LiveVectorIndex(store, nodeOptions());
    expect(await next.catchUp()).toBe(0);
    expect(next.restoredFrom).toBe("shared");
    expect(next.size).toBe(12);
  });

  it("rejects a shared graph that holds vectors this database does not have", async () => {
    await addPapers(0, 12);
    await new LiveVectorIndex(store, nodeOptions()).catchUp();
    await onDatabase(
      `UPDATE vector_graphs SET last_seq = last_seq + 100,
         description = jsonb_set(description::jsonb, '{lastSeq}', to_jsonb(last_seq + 100))::text`,
    );

    const node = new LiveVectorIndex(store, nodeOptions());
    expect(await node.catchUp()).toBe(12);
    expect(node.snapshotRejection).toBe("ahead of the store");
    expect(node.size).toBe(12);
  });

  it("tries the restore again at the next catch-up when the database failed it, instead of reading every vector", async () => {
    await addPapers(0, 12);
    const options = nodeOptions();
    await new LiveVectorIndex(store, options).catchUp();
    await addPapers(12, 3);

    const restarted = new LiveVectorIndex(store, options);
    await onDatabase("ALTER TABLE vector_graphs RENAME TO vector_graphs_away");
    await expect(restarted.catchUp()).rejects.toThrow(/vector_graphs/);
    await onDatabase("ALTER TABLE vector_graphs_away RENAME TO vector_graphs");
    expect(await restarted.catchUp()).toBe(3);
    expect(restarted.restoredFrom).toBe("local");
    expect(restarted.start).toMatchObject({ from: "local", vectorsRead: 3, size: 15 });
  });

  it("keeps and loads the graph saved here when the shared one is damaged or has other settings", async () => {
    await addPapers(0, 12);
    const options = nodeOptions();
    await new LiveVectorIndex(store, options).catchUp();
    await addPapers(12, 3);
    // Another node shares a graph covering more than this node's.
    await new LiveVectorIndex(store, nodeOptions()).catchUp();
    const saved = filesIn(options.snapshotDirectory!);

    await onDatabase("UPDATE vector_graph_chunks SET bytes = overlay(bytes placing '\\xff'::bytea from 100)");
    const damaged = new LiveVectorIndex(store, { ...options, saveAfter: 1_000 });
    expect(await damaged.catchUp()).toBe(3);
    expect(damaged.restoredFrom).toBe("local");
    expect(damaged.snapshotRejection).toBeNull();
    expect(damaged.start?.sharedNotUsed).toBe("damaged");
    expect(filesIn(options.snapshotDirectory!)).toEqual(saved);

    await onDatabase(
      `UPDATE vector_graphs SET description = jsonb_set(description::jsonb, '{settings,connectivity}', '48')::text`,
    );
    const otherSettings = new LiveVectorIndex(store, { ...options, saveAfter: 1_000 });
    expect(await otherSettings.catchUp()).toBe(3);
    expect(otherSettings.restoredFrom).toBe("local");
    expect(otherSettings.start?.sharedNotUsed).toBe("other model or settings");
    expect(filesIn(options.snapshotDirectory!)).toEqual(saved);
  });

  it("closes and removes a download that failed part-way, and downloads again at the next catch-up", async () => {
    await addPapers(0, 12);
    await new LiveVectorIndex(store, nodeOptions()).catchUp();
    // The second chunk fails to read: the first has streamed into the file by then.
    await onDatabase(`ALTER TABLE vector_graph_chunks RENAME TO vector_graph_chunks_kept;
      INSERT INTO vector_graph_chunks_kept SELECT sha256, 1, bytes FROM vector_graph_chunks_kept;
      CREATE VIEW vector_graph_chunks AS SELECT sha256, part,
        CASE WHEN part = 0 THEN bytes ELSE int4send(1 / (part - part)) END AS bytes FROM vector_graph_chunks_kept`);
    const options = nodeOptions();
    const node = new LiveVectorIndex(store, options);
    await expect(node.catchUp()).rejects.toThrow(/division by zero/);
    expect(readdirSync(options.snapshotDirectory!)).toEqual([]);
    expect(openFilesIn(options.snapshotDirectory!)).toEqual([]);

    await onDatabase(`DROP VIEW vector_graph_chunks;
      DELETE FROM vector_graph_chunks_kept WHERE part = 1;
      ALTER TABLE vector_graph_chunks_kept RENAME TO vector_graph_chunks`);
    expect(await node.catchUp()).toBe(0);
    expect(node.restoredFrom).toBe("shared");
    expect(node.size).toBe(12);
  });

  it("closes and removes a download whose connection failed before it began", async () => {
    await addPapers(0, 12);
    await new LiveVectorIndex(store, nodeOptions()).catchUp();
    const unreachable = new pg.Pool({ connectionString: "postgres://nobody@127.0.0.1:1/none" });
    const folder = nodeOptions().snapshotDirectory!;
    try {
      const offline = new PostgresGraphs(unreachable);
      const snapshot = new IndexSnapshot(folder, embedder.modelId, 256, {
        sharedGraph: (modelId) => store.sharedGraphs!.sharedGraph(modelId),
        downloadGraph: (modelId, output) => offline.downloadGraph(modelId, output),
        uploadGraph: (graph) => offline.uploadGraph(graph),
      });
      await expect(snapshot.load(DEFAULT_HNSW, async () => true)).rejects.toThrow(/ECONNREFUSED/);
      // The file opens asynchronously: one left open by the failed download would be open by now.
      await delay(100);
      expect(openFilesIn(folder)).toEqual([]);
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      await unreachable.end();
    }
  });
});
