import type pg from "pg";
import type { PaperVote, VoteResult, VoteStore } from "../votes-store.js";
import { inTransaction } from "./transaction.js";

interface VoteRow {
  paper_id: string;
  voted_at: string;
}

function toVote(row: VoteRow): PaperVote {
  return { paperId: row.paper_id, votedAt: row.voted_at };
}

/** The PostgreSQL side of the votes contract (see src/store/votes-store.ts). */
export class PostgresVoteStore implements VoteStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * One statement: the paper's row is locked first (concurrent votes on one paper take turns, so no
   * update of the count is lost, and every vote takes its locks in the same order: no deadlock with
   * another vote or an import), then the vote is added and, when it is new, counted. The lock is held
   * only while the statement runs, not across a transaction's round trips: votes on a paper many
   * people open at once queue for less. The insert's conflict check sees votes committed while it
   * waited for the lock, so a vote is never counted twice.
   */
  async addVote(userId: string, paperId: string, at: string): Promise<VoteResult | "hidden" | null> {
    const rows = await this.pool.query<{ upvotes: number; counted: number | null; hidden: boolean }>(
      `WITH paper AS (
         SELECT key, id, upvotes, EXISTS (SELECT 1 FROM hidden_papers h WHERE h.paper_key = papers.key) AS hidden
         FROM papers WHERE id = $1 FOR NO KEY UPDATE
       ), added AS (
         INSERT INTO votes (user_id, paper_id, voted_at) SELECT $2, paper.id, $3 FROM paper WHERE NOT paper.hidden
         ON CONFLICT DO NOTHING RETURNING 1
       ), counted AS (
         UPDATE papers p SET upvotes = p.upvotes + 1
         FROM paper WHERE p.key = paper.key AND EXISTS (SELECT 1 FROM added)
         RETURNING p.upvotes
       )
       SELECT paper.upvotes, paper.hidden, (SELECT upvotes FROM counted) AS counted FROM paper`,
      [paperId, userId, at],
    );
    const row = rows.rows[0];
    if (!row) return null;
    if (row.hidden) return "hidden";
    return row.counted === null
      ? { changed: false, upvotes: row.upvotes }
      : { changed: true, upvotes: row.counted };
  }

  /**
   * A transaction, statement by statement: a delete in the same statement as the lock would not see
   * a vote committed while it waited for the lock.
   */
  async removeVote(userId: string, paperId: string): Promise<VoteResult | null> {
    return inTransaction(this.pool, async (client) => {
      const before = await client.query<{ upvotes: number }>(
        "SELECT upvotes FROM papers WHERE id = $1 FOR NO KEY UPDATE",
        [paperId],
      );
      const upvotes = before.rows[0]?.upvotes;
      if (upvotes === undefined) return null;
      const deleted = await client.query("DELETE FROM votes WHERE user_id = $1 AND paper_id = $2", [
        userId,
        paperId,
      ]);
      if ((deleted.rowCount ?? 0) === 0) return { changed: false, upvotes };
      const after = await client.query<{ upvotes: number }>(
        "UPDATE papers SET upvotes = greatest(0, upvotes - 1) WHERE id = $1 RETURNING upvotes",
        [paperId],
      );
      return { changed: true, upvotes: after.rows[0]?.upvotes ?? upvotes };
    });
  }

  async votedAmong(userId: string, paperIds: string[]): Promise<string[]> {
    if (paperIds.length === 0) return [];
    const rows = await this.pool.query<{ paper_id: string }>(
      "SELECT paper_id FROM votes WHERE user_id = $1 AND paper_id = ANY($2::text[])",
      [userId, paperIds],
    );
    return rows.rows.map((row) => row.paper_id);
  }

  async userVotes(userId: string, limit: number): Promise<PaperVote[]> {
    const rows = await this.pool.query<VoteRow>(
      "SELECT paper_id, voted_at FROM votes WHERE user_id = $1 ORDER BY voted_at DESC LIMIT $2",
      [userId, limit],
    );
    return rows.rows.map(toVote);
  }

  async votesSince(since: string): Promise<PaperVote[]> {
    const rows = await this.pool.query<VoteRow>("SELECT paper_id, voted_at FROM votes WHERE voted_at >= $1", [
      since,
    ]);
    return rows.rows.map(toVote);
  }
}
