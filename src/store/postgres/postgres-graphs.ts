import { createReadStream } from "node:fs";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { SharedGraphs, StoredGraph } from "../vector-store.js";
import { BinaryCopyColumn } from "./binary-copy-column.js";
import { inTransaction } from "./transaction.js";

/** Bytes per stored chunk: one chunk is in memory at a time when storing. */
export const GRAPH_CHUNK_BYTES = 8 * 1024 * 1024;

interface GraphRow {
  last_seq: string;
  sha256: string;
  description: string;
}

/** The model's graph and its chunks in PostgreSQL (migration 0011, ADR 0015). */
export class PostgresGraphs implements SharedGraphs {
  constructor(
    private readonly pool: pg.Pool,
    private readonly chunkBytes = GRAPH_CHUNK_BYTES,
  ) {}

  async sharedGraph(modelId: string): Promise<Pick<StoredGraph, "lastSeq" | "sha256"> | null> {
    const rows = await this.pool.query<Omit<GraphRow, "description">>(
      "SELECT last_seq, sha256 FROM vector_graphs WHERE model_id = $1",
      [modelId],
    );
    const row = rows.rows[0];
    return row ? { lastSeq: Number(row.last_seq), sha256: row.sha256 } : null;
  }

  async downloadGraph(modelId: string, output: Writable): Promise<StoredGraph | null> {
    const client = await this.pool.connect();
    try {
      // One snapshot: a graph another node stores meanwhile cannot mix its chunks into this one.
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const rows = await client.query<GraphRow>(
        "SELECT last_seq, sha256, description FROM vector_graphs WHERE model_id = $1",
        [modelId],
      );
      const row = rows.rows[0];
      if (row) {
        // Binary COPY: the bytes as stored. A query's binary results would not do: node-postgres
        // decodes every field as UTF-8 text, which mangles bytes that are not valid UTF-8.
        // A missing chunk leaves a short file, which the caller's checksum rejects.
        const chunks = client.query(
          copyTo(
            `COPY (SELECT bytes FROM vector_graph_chunks WHERE sha256 = ${client.escapeLiteral(row.sha256)}
               ORDER BY part) TO STDOUT (FORMAT binary)`,
          ),
        );
        await pipeline(chunks, new BinaryCopyColumn(), output);
      } else {
        await new Promise<void>((resolve) => output.end(resolve));
      }
      await client.query("COMMIT");
      client.release();
      return row ? { lastSeq: Number(row.last_seq), sha256: row.sha256, description: row.description } : null;
    } catch (error) {
      // A COPY cut short leaves the connection mid-stream: it is closed rather than reused.
      client.release(error as Error);
      throw error;
    }
  }

  uploadGraph(graph: StoredGraph & { modelId: string; file: string; replace: boolean }): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      // Nodes saving at once take turns; the later one finds the graph it would replace.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('vector_graphs:' || $1))", [graph.modelId]);
      const stored = await client.query<{ last_seq: string }>(
        "SELECT last_seq FROM vector_graphs WHERE model_id = $1",
        [graph.modelId],
      );
      if (!graph.replace && stored.rows[0] && Number(stored.rows[0].last_seq) >= graph.lastSeq) return false;
      let part = 0;
      // Rewritten even under the same checksum: the stored chunks may be the damaged copy being replaced.
      for await (const chunk of createReadStream(graph.file, { highWaterMark: this.chunkBytes })) {
        await client.query(
          `INSERT INTO vector_graph_chunks (sha256, part, bytes) VALUES ($1, $2, $3)
           ON CONFLICT (sha256, part) DO UPDATE SET bytes = excluded.bytes`,
          [graph.sha256, part++, chunk],
        );
      }
      // Chunks past the file's end under the same checksum (a damaged copy that was longer) go too.
      await client.query("DELETE FROM vector_graph_chunks WHERE sha256 = $1 AND part >= $2", [
        graph.sha256,
        part,
      ]);
      await client.query(
        `INSERT INTO vector_graphs (model_id, last_seq, sha256, description, saved_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (model_id) DO UPDATE SET last_seq = excluded.last_seq, sha256 = excluded.sha256,
           description = excluded.description, saved_at = excluded.saved_at`,
        [graph.modelId, graph.lastSeq, graph.sha256, graph.description, new Date().toISOString()],
      );
      await client.query(
        "DELETE FROM vector_graph_chunks c WHERE NOT EXISTS (SELECT 1 FROM vector_graphs g WHERE g.sha256 = c.sha256)",
      );
      return true;
    });
  }
}
