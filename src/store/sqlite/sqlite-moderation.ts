import type Database from "better-sqlite3";
import type { AuditEntry } from "../comments-store.js";
import type { MergeResult, ModerationStore } from "../moderation-store.js";

/** The embedded side of the moderation contract (see src/store/moderation-store.ts). */
export class SqliteModerationStore implements ModerationStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      paper: db.prepare<[string], { rowid: number; upvotes: number }>(
        "SELECT rowid, upvotes FROM papers WHERE id = ?",
      ),
      hide: db.prepare("INSERT OR IGNORE INTO hidden_papers (paper_key, hidden_at) VALUES (?, ?)"),
      isHidden: db.prepare<[number], number>("SELECT 1 FROM hidden_papers WHERE paper_key = ?").pluck(),
      show: db.prepare("DELETE FROM hidden_papers WHERE paper_key = ?"),
      markMerged: db.prepare("UPDATE hidden_papers SET merged_into = ? WHERE paper_key = ?"),
      mergedInto: db
        .prepare<[string], string | null>(
          "SELECT h.merged_into FROM papers p JOIN hidden_papers h ON h.paper_key = p.rowid WHERE p.id = ?",
        )
        .pluck(),
      hiddenAmong: db
        .prepare<[string], string>(
          `SELECT p.id FROM papers p JOIN hidden_papers h ON h.paper_key = p.rowid
           WHERE p.id IN (SELECT value FROM json_each(?))`,
        )
        .pluck(),
      copyVotes: db.prepare(
        "INSERT OR IGNORE INTO votes (user_id, paper_id, voted_at) SELECT user_id, ?, voted_at FROM votes WHERE paper_id = ?",
      ),
      dropVotes: db.prepare("DELETE FROM votes WHERE paper_id = ?"),
      // A collection holding both papers keeps one entry: both notes, the earlier addition, any read mark.
      foldCollectionEntries: db.prepare<{ duplicateId: string; keptId: string }>(
        `UPDATE collection_papers AS kept SET
           added_at = min(kept.added_at, dup.added_at),
           read_at = coalesce(kept.read_at, dup.read_at),
           note = CASE WHEN dup.note = '' OR dup.note = kept.note THEN kept.note
                       WHEN kept.note = '' THEN dup.note
                       ELSE kept.note || char(10) || char(10) || dup.note END
         FROM collection_papers AS dup
         WHERE dup.paper_id = @duplicateId AND kept.paper_id = @keptId AND kept.collection_id = dup.collection_id`,
      ),
      moveCollectionEntries: db.prepare<{ duplicateId: string; keptId: string }>(
        `UPDATE collection_papers SET paper_id = @keptId
         WHERE paper_id = @duplicateId
           AND collection_id NOT IN (SELECT collection_id FROM collection_papers WHERE paper_id = @keptId)`,
      ),
      dropCollectionEntries: db.prepare("DELETE FROM collection_papers WHERE paper_id = ?"),
      moveComments: db.prepare("UPDATE comments SET paper_id = ? WHERE paper_id = ?"),
      adjustCount: db
        .prepare<[number, string], number>(
          "UPDATE papers SET upvotes = max(0, upvotes + ?) WHERE id = ? RETURNING upvotes",
        )
        .pluck(),
      audit: db.prepare(
        `INSERT INTO audit_log (id, actor_id, action, target_type, target_id, reason, at)
         VALUES (@id, @actorId, @action, @targetType, @targetId, @reason, @at)`,
      ),
    };
  }

  async setPaperHidden(paperId: string, at: string | null, audit: AuditEntry): Promise<boolean> {
    return this.db.transaction(() => {
      const paper = this.statements.paper.get(paperId);
      if (!paper) return false;
      if (at === null) this.statements.show.run(paper.rowid);
      else this.statements.hide.run(paper.rowid, at);
      this.statements.audit.run(audit);
      return true;
    })();
  }

  async hiddenAmong(paperIds: string[]): Promise<string[]> {
    if (paperIds.length === 0) return [];
    return this.statements.hiddenAmong.all(JSON.stringify(paperIds));
  }

  async mergedInto(paperId: string): Promise<string | null> {
    return this.statements.mergedInto.get(paperId) ?? null;
  }

  async mergePapers(
    duplicateId: string,
    keptId: string,
    audit: AuditEntry,
  ): Promise<MergeResult | "kept-hidden" | null> {
    return this.db
      .transaction(() => {
        if (duplicateId === keptId) return null;
        const duplicate = this.statements.paper.get(duplicateId);
        const kept = this.statements.paper.get(keptId);
        if (!duplicate || !kept) return null;
        if (this.statements.isHidden.get(kept.rowid) !== undefined) return "kept-hidden";
        const votesMoved = this.statements.copyVotes.run(keptId, duplicateId).changes;
        const votesDropped = this.statements.dropVotes.run(duplicateId).changes;
        this.statements.adjustCount.get(-votesDropped, duplicateId);
        const upvotes = this.statements.adjustCount.get(votesMoved, keptId) ?? kept.upvotes;
        const ids = { duplicateId, keptId };
        const collectionEntriesMoved =
          this.statements.foldCollectionEntries.run(ids).changes +
          this.statements.moveCollectionEntries.run(ids).changes;
        this.statements.dropCollectionEntries.run(duplicateId);
        const commentsMoved = this.statements.moveComments.run(keptId, duplicateId).changes;
        this.statements.hide.run(duplicate.rowid, audit.at);
        this.statements.markMerged.run(keptId, duplicate.rowid);
        this.statements.audit.run(audit);
        return { votesMoved, upvotes, collectionEntriesMoved, commentsMoved };
      })
      .immediate();
  }
}
