import type pg from "pg";
import type { AuditEntry } from "../comments-store.js";
import type { MergeResult, ModerationStore } from "../moderation-store.js";
import { insertAudit } from "./postgres-comments.js";
import { inTransaction } from "./transaction.js";

/** The PostgreSQL side of the moderation contract (see src/store/moderation-store.ts). */
export class PostgresModerationStore implements ModerationStore {
  constructor(private readonly pool: pg.Pool) {}

  async setPaperHidden(paperId: string, at: string | null, audit: AuditEntry): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const paper = await client.query<{ key: string }>("SELECT key FROM papers WHERE id = $1", [paperId]);
      const key = paper.rows[0]?.key;
      if (key === undefined) return false;
      if (at === null) await client.query("DELETE FROM hidden_papers WHERE paper_key = $1", [key]);
      else
        await client.query(
          "INSERT INTO hidden_papers (paper_key, hidden_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
          [key, at],
        );
      await insertAudit(client, audit);
      return true;
    });
  }

  async hiddenAmong(paperIds: string[]): Promise<string[]> {
    if (paperIds.length === 0) return [];
    const rows = await this.pool.query<{ id: string }>(
      "SELECT p.id FROM papers p JOIN hidden_papers h ON h.paper_key = p.key WHERE p.id = ANY($1::text[])",
      [paperIds],
    );
    return rows.rows.map((row) => row.id);
  }

  async mergedInto(paperId: string): Promise<string | null> {
    const rows = await this.pool.query<{ merged_into: string | null }>(
      "SELECT h.merged_into FROM papers p JOIN hidden_papers h ON h.paper_key = p.key WHERE p.id = $1",
      [paperId],
    );
    return rows.rows[0]?.merged_into ?? null;
  }

  async mergePapers(
    duplicateId: string,
    keptId: string,
    audit: AuditEntry,
  ): Promise<MergeResult | "kept-hidden" | null> {
    if (duplicateId === keptId) return null;
    return inTransaction(this.pool, async (client) => {
      // Both rows locked in id order, as a vote locks its paper's row first: votes arriving meanwhile
      // wait, and no two merges (or a merge and a vote) can hold each other's rows.
      const papers = await client.query<{ id: string; key: string; upvotes: number }>(
        "SELECT id, key, upvotes FROM papers WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE",
        [[duplicateId, keptId]],
      );
      const duplicate = papers.rows.find((row) => row.id === duplicateId);
      const kept = papers.rows.find((row) => row.id === keptId);
      if (!duplicate || !kept) return null;
      const keptHidden = await client.query("SELECT 1 FROM hidden_papers WHERE paper_key = $1", [kept.key]);
      if ((keptHidden.rowCount ?? 0) > 0) return "kept-hidden";
      const moved = await client.query(
        `INSERT INTO votes (user_id, paper_id, voted_at) SELECT user_id, $1, voted_at FROM votes WHERE paper_id = $2
         ON CONFLICT DO NOTHING`,
        [keptId, duplicateId],
      );
      const dropped = await client.query("DELETE FROM votes WHERE paper_id = $1", [duplicateId]);
      const votesMoved = moved.rowCount ?? 0;
      await client.query("UPDATE papers SET upvotes = greatest(0, upvotes - $1) WHERE id = $2", [
        dropped.rowCount ?? 0,
        duplicateId,
      ]);
      const after = await client.query<{ upvotes: number }>(
        "UPDATE papers SET upvotes = upvotes + $1 WHERE id = $2 RETURNING upvotes",
        [votesMoved, keptId],
      );
      const ids = [duplicateId, keptId];
      const folded = await client.query(
        `UPDATE collection_papers AS kept SET
           added_at = least(kept.added_at, dup.added_at),
           read_at = coalesce(kept.read_at, dup.read_at),
           note = CASE WHEN dup.note = '' OR dup.note = kept.note THEN kept.note
                       WHEN kept.note = '' THEN dup.note
                       ELSE kept.note || E'\\n\\n' || dup.note END
         FROM collection_papers AS dup
         WHERE dup.paper_id = $1 AND kept.paper_id = $2 AND kept.collection_id = dup.collection_id`,
        ids,
      );
      const movedEntries = await client.query(
        `UPDATE collection_papers SET paper_id = $2
         WHERE paper_id = $1
           AND collection_id NOT IN (SELECT collection_id FROM collection_papers WHERE paper_id = $2)`,
        ids,
      );
      await client.query("DELETE FROM collection_papers WHERE paper_id = $1", [duplicateId]);
      const movedComments = await client.query("UPDATE comments SET paper_id = $2 WHERE paper_id = $1", ids);
      await client.query(
        `INSERT INTO hidden_papers (paper_key, hidden_at, merged_into) VALUES ($1, $2, $3)
         ON CONFLICT (paper_key) DO UPDATE SET merged_into = excluded.merged_into`,
        [duplicate.key, audit.at, keptId],
      );
      await insertAudit(client, audit);
      return {
        votesMoved,
        upvotes: after.rows[0]?.upvotes ?? kept.upvotes,
        collectionEntriesMoved: (folded.rowCount ?? 0) + (movedEntries.rowCount ?? 0),
        commentsMoved: movedComments.rowCount ?? 0,
      };
    });
  }
}
