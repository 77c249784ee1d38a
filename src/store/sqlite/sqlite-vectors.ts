import type Database from "better-sqlite3";
import { arxivIdFromOrdinal } from "../../core/arxiv-id.js";
import type { PaperText, PaperVector, PaperVectorInput, StoredVector, VectorStore } from "../vector-store.js";

interface VectorRow {
  seq: number;
  paper_id: string;
  scale: number;
  components: Buffer;
}

/** Int8 components as a BLOB, without copying: the Buffer views the same memory. */
function toBlob(components: Int8Array): Buffer {
  return Buffer.from(components.buffer, components.byteOffset, components.byteLength);
}

/** A copy, so each vector owns its memory (better-sqlite3 may hand out views of one larger buffer). */
function fromBlob(blob: Buffer): Int8Array {
  const components = new Int8Array(blob.byteLength);
  components.set(new Int8Array(blob.buffer, blob.byteOffset, blob.byteLength));
  return components;
}

/** The SQLite side of the vector contract; row keys are the papers' rowids (ADR 0001). */
export class SqliteVectors implements Omit<VectorStore, "getPapers" | "titlesOf"> {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      // REPLACE deletes the old row, so the new one takes a fresh, higher seq.
      save: db.prepare(
        `INSERT OR REPLACE INTO paper_vectors (paper_key, model_id, scale, components)
         SELECT rowid, ?, ?, ? FROM papers WHERE id = ?`,
      ),
      lacking: db.prepare<[string, string, number], PaperText>(
        `SELECT p.id, p.title, p.abstract FROM papers p
         WHERE p.id > ? AND NOT EXISTS (
           SELECT 1 FROM paper_vectors v WHERE v.paper_key = p.rowid AND v.model_id = ?)
         ORDER BY p.id LIMIT ?`,
      ),
      countLacking: db
        .prepare<[string], number>(
          `SELECT (SELECT count(*) FROM papers) - (SELECT count(*) FROM paper_vectors WHERE model_id = ?)`,
        )
        .pluck(),
      since: db.prepare<[string, number, number], VectorRow>(
        `SELECT v.seq, p.id AS paper_id, v.scale, v.components FROM paper_vectors v
         JOIN papers p ON p.rowid = v.paper_key
         WHERE v.model_id = ? AND v.seq > ? ORDER BY v.seq LIMIT ?`,
      ),
      // CROSS JOIN keeps this join order: left to itself the planner scans every vector of the model.
      of: db.prepare<[string, string], Omit<VectorRow, "seq">>(
        `SELECT p.id AS paper_id, v.scale, v.components FROM json_each(?) j
         CROSS JOIN papers p ON p.id = j.value
         CROSS JOIN paper_vectors v ON v.paper_key = p.rowid
         WHERE v.model_id = ?
         ORDER BY j.key`,
      ),
      // The period index gives each paper's key and upvotes, so the papers' rows are never read; CROSS
      // JOIN keeps that order (left to itself the planner scans every vector of the model).
      listedBetween: db.prepare<
        [string, string, string, number],
        Omit<VectorRow, "seq" | "paper_id"> & { paper_key: number }
      >(
        `SELECT v.paper_key, v.scale, v.components FROM papers p
         CROSS JOIN paper_vectors v ON v.paper_key = p.rowid
         WHERE p.day BETWEEN ? AND ? AND v.model_id = ?
           AND NOT EXISTS (SELECT 1 FROM hidden_papers h WHERE h.paper_key = p.rowid)
         ORDER BY p.upvotes DESC, p.rowid DESC LIMIT ?`,
      ),
    };
  }

  async saveVectors(vectors: PaperVectorInput[]): Promise<void> {
    this.db.transaction(() => {
      for (const vector of vectors) {
        this.statements.save.run(vector.modelId, vector.scale, toBlob(vector.components), vector.paperId);
      }
    })();
  }

  async papersLackingVectors(modelId: string, afterId: string | null, limit: number): Promise<PaperText[]> {
    return this.statements.lacking.all(afterId ?? "", modelId, limit);
  }

  async countPapersLackingVectors(modelId: string): Promise<number> {
    return this.statements.countLacking.get(modelId) ?? 0;
  }

  async vectorsSince(modelId: string, afterSeq: number, limit: number): Promise<StoredVector[]> {
    return this.statements.since.all(modelId, afterSeq, limit).map((row) => ({
      paperId: row.paper_id,
      seq: row.seq,
      scale: row.scale,
      components: fromBlob(row.components),
    }));
  }

  async vectorsListedBetween(
    modelId: string,
    from: string,
    to: string,
    limit: number,
  ): Promise<PaperVector[]> {
    return this.statements.listedBetween.all(from, to, modelId, limit).map((row) => ({
      paperId: arxivIdFromOrdinal(row.paper_key),
      scale: row.scale,
      components: fromBlob(row.components),
    }));
  }

  async vectorsOf(modelId: string, paperIds: string[]): Promise<PaperVector[]> {
    if (paperIds.length === 0) return [];
    return this.statements.of.all(JSON.stringify(paperIds), modelId).map((row) => ({
      paperId: row.paper_id,
      scale: row.scale,
      components: fromBlob(row.components),
    }));
  }
}
