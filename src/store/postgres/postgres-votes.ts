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

  async addVote(userId: string, paperId: string, at: string): Promise<VoteResult | null> {
    return this.change(paperId, 1, async (client) => {
      const inserted = await client.query(
        "INSERT INTO votes (user_id, paper_id, voted_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        [userId, paperId, at],
      );
      return (inserted.rowCount ?? 0) > 0;
    });
  }

  async removeVote(userId: string, paperId: string): Promise<VoteResult | null> {
    return this.change(paperId, -1, async (client) => {
      const deleted = await client.query("DELETE FROM votes WHERE user_id = $1 AND paper_id = $2", [
        userId,
        paperId,
      ]);
      return (deleted.rowCount ?? 0) > 0;
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

  /**
   * The vote row and the count move together, or not at all. The paper's row is locked first, so
   * concurrent votes on one paper take turns (no lost update of the count) and every vote
   * transaction takes its locks in the same order (no deadlock with another vote or an import).
   */
  private change(
    paperId: string,
    delta: number,
    write: (client: pg.PoolClient) => Promise<boolean>,
  ): Promise<VoteResult | null> {
    return inTransaction(this.pool, async (client) => {
      const before = await client.query<{ upvotes: number }>(
        "SELECT upvotes FROM papers WHERE id = $1 FOR NO KEY UPDATE",
        [paperId],
      );
      const upvotes = before.rows[0]?.upvotes;
      if (upvotes === undefined) return null;
      if (!(await write(client))) return { changed: false, upvotes };
      const after = await client.query<{ upvotes: number }>(
        "UPDATE papers SET upvotes = greatest(0, upvotes + $1) WHERE id = $2 RETURNING upvotes",
        [delta, paperId],
      );
      return { changed: true, upvotes: after.rows[0]?.upvotes ?? upvotes };
    });
  }
}
