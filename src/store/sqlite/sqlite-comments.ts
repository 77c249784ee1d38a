import type Database from "better-sqlite3";
import type {
  AuditEntry,
  AuditEntryView,
  Comment,
  CommentCount,
  CommentStore,
  NewComment,
} from "../comments-store.js";
import {
  type AuditRow,
  COMMENT_SELECT,
  type CommentRow,
  toAuditEntryView,
  toComment,
} from "../rows/comment-rows.js";

export class SqliteCommentStore implements CommentStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO comments (id, paper_id, user_id, parent_id, body, created_at)
         VALUES (@id, @paperId, @userId, @parentId, @body, @createdAt)`,
      ),
      byId: db.prepare<[string], CommentRow>(`${COMMENT_SELECT} WHERE c.id = ?`),
      byPaper: db.prepare<[string], CommentRow>(
        `${COMMENT_SELECT} WHERE c.paper_id = ? ORDER BY c.created_at, c.id`,
      ),
      byUser: db.prepare<[string], CommentRow>(
        `${COMMENT_SELECT} WHERE c.user_id = ? ORDER BY c.created_at, c.id`,
      ),
      edit: db.prepare("UPDATE comments SET body = ?, edited_at = ? WHERE id = ?"),
      remove: db.prepare("UPDATE comments SET body = '', deleted_at = ? WHERE id = ?"),
      hide: db.prepare("UPDATE comments SET hidden_at = ? WHERE id = ?"),
      countVisible: db.prepare<[string], CommentCount>(
        `SELECT paper_id AS paperId, count(*) AS comments FROM comments
         WHERE paper_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL AND hidden_at IS NULL
         GROUP BY paper_id`,
      ),
      audit: db.prepare(
        `INSERT INTO audit_log (id, actor_id, action, target_type, target_id, reason, at)
         VALUES (@id, @actorId, @action, @targetType, @targetId, @reason, @at)`,
      ),
      recentAudit: db.prepare<[number], AuditRow>(
        `SELECT a.id, a.actor_id, a.action, a.target_type, a.target_id, a.reason, a.at, u.email AS actor_email
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id ORDER BY a.at DESC, a.rowid DESC LIMIT ?`,
      ),
    };
  }

  async addComment(comment: NewComment): Promise<void> {
    this.statements.insert.run(comment);
  }

  async commentById(id: string): Promise<Comment | null> {
    const row = this.statements.byId.get(id);
    return row ? toComment(row) : null;
  }

  async paperComments(paperId: string): Promise<Comment[]> {
    return this.statements.byPaper.all(paperId).map(toComment);
  }

  async userComments(userId: string): Promise<Comment[]> {
    return this.statements.byUser.all(userId).map(toComment);
  }

  async editComment(id: string, body: string, at: string): Promise<void> {
    this.statements.edit.run(body, at, id);
  }

  async deleteComment(id: string, at: string): Promise<void> {
    this.statements.remove.run(at, id);
  }

  async setCommentHidden(id: string, at: string | null, audit: AuditEntry): Promise<void> {
    this.db.transaction(() => {
      this.statements.hide.run(at, id);
      this.statements.audit.run(audit);
    })();
  }

  async countVisible(paperIds: string[]): Promise<CommentCount[]> {
    if (paperIds.length === 0) return [];
    return this.statements.countVisible.all(JSON.stringify(paperIds));
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    this.statements.audit.run(entry);
  }

  async recentAudit(limit: number): Promise<AuditEntryView[]> {
    return this.statements.recentAudit.all(limit).map(toAuditEntryView);
  }
}
