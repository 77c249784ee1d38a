import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type pg from "pg";
import type { SharedGraphs } from "../vector-store.js";
import { inTransaction } from "./transaction.js";

/** Bytes per stored chunk: one chunk is in memory at a time on either side. */
const CHUNK_BYTES = 8 * 1024 * 1024;

/** The model's graph and its chunks in PostgreSQL (migration 0011, ADR 0015). */
export class PostgresGraphs implements SharedGraphs {
  constructor(private readonly pool: pg.Pool) {}

  async sharedGraphSeq(modelId: string): Promise<number | null> {
    const rows = await this.pool.query<{ last_seq: string }>(
      "SELECT last_seq FROM vector_graphs WHERE model_id = $1",
      [modelId],
    );
    return rows.rows[0] ? Number(rows.rows[0].last_seq) : null;
  }

  downloadGraph(modelId: string, file: string): Promise<string | null> {
    // One snapshot: a graph another node stores meanwhile cannot mix its chunks into this one.
    return inTransaction(
      this.pool,
      async (client) => {
        const graph = await client.query<{ sha256: string; description: string; parts: number }>(
          `SELECT g.sha256, g.description,
             (SELECT count(*)::int FROM vector_graph_chunks c WHERE c.sha256 = g.sha256) AS parts
           FROM vector_graphs g WHERE g.model_id = $1`,
          [modelId],
        );
        const stored = graph.rows[0];
        if (!stored) return null;
        const output = await open(file, "w");
        try {
          for (let part = 0; part < stored.parts; part++) {
            const chunk = await client.query<{ bytes: Buffer }>(
              "SELECT bytes FROM vector_graph_chunks WHERE sha256 = $1 AND part = $2",
              [stored.sha256, part],
            );
            // A missing part leaves a short file, which the caller's checksum rejects.
            if (chunk.rows[0]) await output.write(chunk.rows[0].bytes);
          }
        } finally {
          await output.close();
        }
        return stored.description;
      },
      "ISOLATION LEVEL REPEATABLE READ READ ONLY",
    );
  }

  uploadGraph(graph: {
    modelId: string;
    lastSeq: number;
    description: string;
    file: string;
    replace: boolean;
  }): Promise<boolean> {
    const sha256 = (JSON.parse(graph.description) as { sha256: string }).sha256;
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
      for await (const chunk of createReadStream(graph.file, { highWaterMark: CHUNK_BYTES })) {
        await client.query(
          `INSERT INTO vector_graph_chunks (sha256, part, bytes) VALUES ($1, $2, $3)
           ON CONFLICT (sha256, part) DO UPDATE SET bytes = excluded.bytes`,
          [sha256, part++, chunk],
        );
      }
      await client.query(
        `INSERT INTO vector_graphs (model_id, last_seq, sha256, description, saved_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (model_id) DO UPDATE SET last_seq = excluded.last_seq, sha256 = excluded.sha256,
           description = excluded.description, saved_at = excluded.saved_at`,
        [graph.modelId, graph.lastSeq, sha256, graph.description, new Date().toISOString()],
      );
      await client.query(
        "DELETE FROM vector_graph_chunks c WHERE NOT EXISTS (SELECT 1 FROM vector_graphs g WHERE g.sha256 = c.sha256)",
      );
      return true;
    });
  }
}
