import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import type pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GRAPH_CHUNK_BYTES, PostgresGraphs } from "../../src/store/postgres/postgres-graphs.js";
import { openPostgresPool } from "../../src/store/postgres/postgres-store.js";
import { TEST_DATABASE_URL } from "../support/postgres.js";

const MODEL = "test-model@1";
/** Small chunks here, so a few kilobytes cross many chunk boundaries. */
const CHUNK = 1_000;

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Graph bytes whose chunk boundaries fall on 0x00, 0xFF and 0x5C (the bytes a text-mode or UTF-8
 * read gets wrong), with every byte value and random bytes between.
 */
function graphBytes(chunk: number, chunks: number): Buffer {
  const bytes = randomBytes(chunk * chunks + 123);
  bytes.set(
    Array.from({ length: 256 }, (_, i) => i),
    7,
  );
  for (let boundary = chunk; boundary < bytes.length; boundary += chunk) {
    bytes.set([0x5c, 0x00, 0xff], boundary - 1);
    bytes.set([0xff, 0x5c], boundary - 3);
  }
  return bytes;
}

async function downloaded(
  graphs: PostgresGraphs,
): Promise<{ stored: Awaited<ReturnType<PostgresGraphs["downloadGraph"]>>; bytes: Buffer }> {
  const output = new PassThrough();
  const parts: Buffer[] = [];
  output.on("data", (part: Buffer) => parts.push(part));
  const stored = await graphs.downloadGraph(MODEL, output);
  return { stored, bytes: Buffer.concat(parts) };
}

describe.skipIf(TEST_DATABASE_URL === null)("the graphs PostgreSQL keeps for every node", () => {
  let pool: pg.Pool;
  let graphs: PostgresGraphs;
  let folder: string;

  function graphFile(name: string, bytes: Buffer): string {
    const file = path.join(folder, name);
    writeFileSync(file, bytes);
    return file;
  }

  async function store(bytes: Buffer, lastSeq: number, replace = false): Promise<boolean> {
    return graphs.uploadGraph({
      modelId: MODEL,
      lastSeq,
      sha256: sha256(bytes),
      description: JSON.stringify({ lastSeq, note: "as the node wrote it" }),
      file: graphFile(`graph-${lastSeq}`, bytes),
      replace,
    });
  }

  async function chunkRows(): Promise<{ sha256: string; parts: number }[]> {
    const rows = await pool.query<{ sha256: string; parts: number }>(
      "SELECT sha256, count(*)::int AS parts FROM vector_graph_chunks GROUP BY sha256",
    );
    return rows.rows;
  }

  beforeEach(async () => {
    pool = await openPostgresPool(TEST_DATABASE_URL!, {
      schema: `test_${randomBytes(6).toString("hex")}`,
      maxConnections: 4,
    });
    graphs = new PostgresGraphs(pool, CHUNK);
    folder = mkdtempSync(path.join(os.tmpdir(), "paperpulse-graphs-"));
  });
  afterEach(async () => {
    await pool.end();
    rmSync(folder, { recursive: true, force: true });
  });

  it("has no graph until one is stored: the download ends its output empty", async () => {
    expect(await graphs.sharedGraph(MODEL)).toBeNull();
    const { stored, bytes } = await downloaded(graphs);
    expect(stored).toBeNull();
    expect(bytes.length).toBe(0);
  });

  it("gives back the stored bytes exactly, across chunk boundaries, with the checksum and description given", async () => {
    const bytes = graphBytes(CHUNK, 5);
    expect(await store(bytes, 42)).toBe(true);
    expect(await graphs.sharedGraph(MODEL)).toEqual({ lastSeq: 42, sha256: sha256(bytes) });
    expect(await chunkRows()).toEqual([{ sha256: sha256(bytes), parts: 6 }]);

    const { stored, bytes: read } = await downloaded(graphs);
    expect(stored).toEqual({
      lastSeq: 42,
      sha256: sha256(bytes),
      description: JSON.stringify({ lastSeq: 42, note: "as the node wrote it" }),
    });
    expect(read.equals(bytes)).toBe(true);
  });

  it("streams a graph of full-size chunks, each larger than what one socket read brings", async () => {
    const full = new PostgresGraphs(pool);
    const bytes = graphBytes(GRAPH_CHUNK_BYTES, 2);
    await full.uploadGraph({
      modelId: MODEL,
      lastSeq: 1,
      sha256: sha256(bytes),
      description: "{}",
      file: graphFile("large", bytes),
      replace: false,
    });
    expect(await chunkRows()).toEqual([{ sha256: sha256(bytes), parts: 3 }]);
    const { bytes: read } = await downloaded(full);
    expect(read.equals(bytes)).toBe(true);
  });

  it("keeps the graph covering the most vectors, and only its chunks, unless told to replace it", async () => {
    const first = graphBytes(CHUNK, 2);
    const newer = graphBytes(CHUNK, 3);
    const older = graphBytes(CHUNK, 1);
    await store(first, 10);
    expect(await store(older, 5)).toBe(false);
    expect(await store(first, 10)).toBe(false);
    expect(await store(newer, 20)).toBe(true);
    expect(await graphs.sharedGraph(MODEL)).toEqual({ lastSeq: 20, sha256: sha256(newer) });
    expect(await chunkRows()).toEqual([{ sha256: sha256(newer), parts: 4 }]);
    expect((await downloaded(graphs)).bytes.equals(newer)).toBe(true);

    expect(await store(older, 5, true)).toBe(true);
    expect(await graphs.sharedGraph(MODEL)).toEqual({ lastSeq: 5, sha256: sha256(older) });
    expect(await chunkRows()).toEqual([{ sha256: sha256(older), parts: 2 }]);
    expect((await downloaded(graphs)).bytes.equals(older)).toBe(true);
  });

  it("lets a damaged or incomplete copy show in the checksum, and a replacement mends it", async () => {
    const bytes = graphBytes(CHUNK, 3);
    await store(bytes, 7);
    await pool.query(
      "UPDATE vector_graph_chunks SET bytes = overlay(bytes placing '\\x00'::bytea from 10) WHERE part = 1",
    );
    const damaged = await downloaded(graphs);
    expect(damaged.bytes.length).toBe(bytes.length);
    expect(sha256(damaged.bytes)).not.toBe(damaged.stored?.sha256);

    await pool.query("DELETE FROM vector_graph_chunks WHERE part = 2");
    const incomplete = await downloaded(graphs);
    expect(incomplete.bytes.length).toBe(bytes.length - CHUNK);
    expect(sha256(incomplete.bytes)).not.toBe(incomplete.stored?.sha256);

    // A copy longer than the file under the same checksum loses its extra chunk.
    await pool.query(
      "INSERT INTO vector_graph_chunks (sha256, part, bytes) SELECT sha256, 9, '\\x01'::bytea FROM vector_graphs",
    );
    expect(await store(bytes, 7, true)).toBe(true);
    const mended = await downloaded(graphs);
    expect(mended.bytes.equals(bytes)).toBe(true);
    expect(sha256(mended.bytes)).toBe(mended.stored?.sha256);
  });

  it("reads a whole graph from one snapshot while another node replaces it", async () => {
    const old = graphBytes(CHUNK, 4);
    const replacement = graphBytes(CHUNK, 4);
    await store(old, 1);
    let proceed: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      proceed = resolve;
    });
    const parts: Buffer[] = [];
    let first = true;
    // Holds the first bytes until the replacement has committed, so the rest is read after it.
    const slow = new Writable({
      write(chunk: Buffer, _encoding, done) {
        parts.push(chunk);
        if (!first) return done();
        first = false;
        void held.then(() => done());
      },
    });
    const reading = graphs.downloadGraph(MODEL, slow);
    while (first) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await store(replacement, 2)).toBe(true);
    proceed();
    const stored = await reading;
    expect(stored?.lastSeq).toBe(1);
    expect(Buffer.concat(parts).equals(old)).toBe(true);
    expect((await downloaded(graphs)).bytes.equals(replacement)).toBe(true);
  });

  it("fails a download whose output fails midway, and the pool's connections stay usable", async () => {
    // Larger than the socket's buffers: PostgreSQL is still sending when the output fails.
    const full = new PostgresGraphs(pool);
    const bytes = graphBytes(GRAPH_CHUNK_BYTES, 3);
    await full.uploadGraph({
      modelId: MODEL,
      lastSeq: 3,
      sha256: sha256(bytes),
      description: "{}",
      file: graphFile("large", bytes),
      replace: false,
    });
    const broken = new Writable({
      write(_chunk, _encoding, done) {
        done(new Error("disk full"));
      },
    });
    await expect(full.downloadGraph(MODEL, broken)).rejects.toThrow(/disk full/);
    // Every connection answers and may write: none is left mid-COPY or inside the read-only snapshot.
    const writes = await Promise.all(
      Array.from({ length: 4 }, () =>
        pool
          .query<{ seq: string }>(
            "UPDATE vector_graphs SET last_seq = last_seq + 1 RETURNING last_seq AS seq",
          )
          .then(
            (result) => result.rows[0]?.seq,
            (error: Error) => error.message,
          ),
      ),
    );
    expect(writes.map(Number).sort()).toEqual([4, 5, 6, 7]);
  });
});
