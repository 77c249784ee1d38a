import type pg from "pg";
import { arxivIdFromOrdinal } from "../../core/arxiv-id.js";
import type { PaperText, PaperVector, PaperVectorInput, StoredVector } from "../vector-store.js";

interface VectorRow {
  seq: string;
  paper_id: string;
  scale: number;
  components: Buffer;
}

/** A copy, so each vector owns its memory (node-postgres may hand out views of a larger buffer). */
function fromBytea(bytes: Buffer): Int8Array {
  const components = new Int8Array(bytes.byteLength);
  components.set(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return components;
}

/** The PostgreSQL side of the vector contract (see src/store/vector-store.ts). */
export class PostgresVectors {
  constructor(private readonly pool: pg.Pool) {}

  async saveVectors(vectors: PaperVectorInput[]): Promise<void> {
    if (vectors.length === 0) return;
    // One statement for the batch; a replaced vector takes a fresh seq, so indexes reading by seq see it.
    await this.pool.query(
      `INSERT INTO paper_vectors (paper_key, model_id, scale, components)
       SELECT p.key, v.model_id, v.scale, v.components
       FROM unnest($1::text[], $2::text[], $3::real[], $4::bytea[]) AS v(paper_id, model_id, scale, components)
       JOIN papers p ON p.id = v.paper_id
       ON CONFLICT (paper_key) DO UPDATE SET model_id = excluded.model_id, scale = excluded.scale,
         components = excluded.components, seq = nextval('paper_vectors_seq')`,
      [
        vectors.map((vector) => vector.paperId),
        vectors.map((vector) => vector.modelId),
        vectors.map((vector) => vector.scale),
        vectors.map((vector) =>
          Buffer.from(vector.components.buffer, vector.components.byteOffset, vector.components.byteLength),
        ),
      ],
    );
  }

  async papersLackingVectors(modelId: string, afterId: string | null, limit: number): Promise<PaperText[]> {
    const rows = await this.pool.query<PaperText>(
      `SELECT p.id, p.title, p.abstract FROM papers p
       WHERE p.id > $1 AND NOT EXISTS (
         SELECT 1 FROM paper_vectors v WHERE v.paper_key = p.key AND v.model_id = $2)
       ORDER BY p.id LIMIT $3`,
      [afterId ?? "", modelId, limit],
    );
    return rows.rows;
  }

  async countPapersLackingVectors(modelId: string): Promise<number> {
    const rows = await this.pool.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM papers) - (SELECT count(*) FROM paper_vectors WHERE model_id = $1) AS n`,
      [modelId],
    );
    return Number(rows.rows[0]?.n ?? 0);
  }

  async vectorsSince(modelId: string, afterSeq: number, limit: number): Promise<StoredVector[]> {
    const rows = await this.pool.query<VectorRow>(
      `SELECT v.seq, p.id AS paper_id, v.scale, v.components FROM paper_vectors v
       JOIN papers p ON p.key = v.paper_key
       WHERE v.model_id = $1 AND v.seq > $2 ORDER BY v.seq LIMIT $3`,
      [modelId, afterSeq, limit],
    );
    return rows.rows.map((row) => ({
      paperId: row.paper_id,
      seq: Number(row.seq),
      scale: row.scale,
      components: fromBytea(row.components),
    }));
  }

  async vectorsListedBetween(
    modelId: string,
    from: string,
    to: string,
    limit: number,
  ): Promise<PaperVector[]> {
    const rows = await this.pool.query<{ paper_key: string; scale: number; components: Buffer }>(
      // A lookup per paper of the period, in upvote order until the limit: as a plain join the planner
      // hashed every vector of the model (67 ms at 75k papers for a month, against 18 ms this way). The
      // LIMIT 1 keeps the planner from flattening the lookup back into that join.
      `SELECT v.paper_key, v.scale, v.components FROM papers p
       CROSS JOIN LATERAL (
         SELECT paper_key, scale, components FROM paper_vectors
         WHERE paper_key = p.key AND model_id = $1 LIMIT 1) v
       WHERE p.day BETWEEN $2 AND $3
         AND NOT EXISTS (SELECT 1 FROM hidden_papers h WHERE h.paper_key = p.key)
       ORDER BY p.upvotes DESC, p.key DESC LIMIT $4`,
      [modelId, from, to, limit],
    );
    return rows.rows.map((row) => ({
      paperId: arxivIdFromOrdinal(Number(row.paper_key)),
      scale: row.scale,
      components: fromBytea(row.components),
    }));
  }

  async vectorsOf(modelId: string, paperIds: string[]): Promise<PaperVector[]> {
    if (paperIds.length === 0) return [];
    const rows = await this.pool.query<Omit<VectorRow, "seq">>(
      `SELECT p.id AS paper_id, v.scale, v.components
       FROM unnest($1::text[]) WITH ORDINALITY AS asked(id, position)
       JOIN papers p ON p.id = asked.id
       JOIN paper_vectors v ON v.paper_key = p.key AND v.model_id = $2
       ORDER BY asked.position`,
      [paperIds, modelId],
    );
    return rows.rows.map((row) => ({
      paperId: row.paper_id,
      scale: row.scale,
      components: fromBytea(row.components),
    }));
  }
}
