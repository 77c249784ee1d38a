import type Database from "better-sqlite3";
import type { PaperVote, VoteResult, VoteStore } from "../votes-store.js";

interface VoteRow {
  paper_id: string;
  voted_at: string;
}

function toVote(row: VoteRow): PaperVote {
  return { paperId: row.paper_id, votedAt: row.voted_at };
}

export class SqliteVoteStore implements VoteStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      upvotes: db.prepare<[string], number>("SELECT upvotes FROM papers WHERE id = ?").pluck(),
      hidden: db
        .prepare<[string], number>(
          "SELECT 1 FROM papers p JOIN hidden_papers h ON h.paper_key = p.rowid WHERE p.id = ?",
        )
        .pluck(),
      insertVote: db.prepare("INSERT OR IGNORE INTO votes (user_id, paper_id, voted_at) VALUES (?, ?, ?)"),
      deleteVote: db.prepare("DELETE FROM votes WHERE user_id = ? AND paper_id = ?"),
      adjustCount: db
        .prepare<[number, string], number>(
          "UPDATE papers SET upvotes = max(0, upvotes + ?) WHERE id = ? RETURNING upvotes",
        )
        .pluck(),
      votedAmong: db
        .prepare<[string, string], string>(
          "SELECT paper_id FROM votes WHERE user_id = ? AND paper_id IN (SELECT value FROM json_each(?))",
        )
        .pluck(),
      userVotes: db.prepare<[string, number], VoteRow>(
        "SELECT paper_id, voted_at FROM votes WHERE user_id = ? ORDER BY voted_at DESC LIMIT ?",
      ),
      votesSince: db.prepare<[string], VoteRow>("SELECT paper_id, voted_at FROM votes WHERE voted_at >= ?"),
    };
  }

  async addVote(userId: string, paperId: string, at: string): Promise<VoteResult | "hidden" | null> {
    return this.db
      .transaction(() => {
        if (this.statements.hidden.get(paperId) !== undefined) return "hidden" as const;
        return this.change(paperId, 1, () => this.statements.insertVote.run(userId, paperId, at).changes > 0);
      })
      .immediate();
  }

  async removeVote(userId: string, paperId: string): Promise<VoteResult | null> {
    return this.change(paperId, -1, () => this.statements.deleteVote.run(userId, paperId).changes > 0);
  }

  async votedAmong(userId: string, paperIds: string[]): Promise<string[]> {
    if (paperIds.length === 0) return [];
    return this.statements.votedAmong.all(userId, JSON.stringify(paperIds));
  }

  async userVotes(userId: string, limit: number): Promise<PaperVote[]> {
    return this.statements.userVotes.all(userId, limit).map(toVote);
  }

  async votesSince(since: string): Promise<PaperVote[]> {
    return this.statements.votesSince.all(since).map(toVote);
  }

  /** The vote row and the count move together, or not at all (IMMEDIATE: no lock upgrade races). */
  private change(paperId: string, delta: number, write: () => boolean): VoteResult | null {
    return this.db
      .transaction(() => {
        const before = this.statements.upvotes.get(paperId);
        if (before === undefined) return null;
        if (!write()) return { changed: false, upvotes: before };
        return { changed: true, upvotes: this.statements.adjustCount.get(delta, paperId) ?? before };
      })
      .immediate();
  }
}
