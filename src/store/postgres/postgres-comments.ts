import type pg from "pg";
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
import { inTransaction, type Queryable } from "./transaction.js";

export async function insertAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (id, actor_id, action, target_type, target_id, reason, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [entry.id, entry.actorId, entry.action, entry.targetType, entry.targetId, entry.reason, entry.at],
  );
}

/** The PostgreSQL side of the comments and audit contract (see src/store/comments-store.ts). */
export class PostgresCommentStore implements CommentStore {
  constructor(private readonly pool: pg.Pool) {}

  async addComment(comment: NewComment): Promise<void> {
    await this.pool.query(
      `INSERT INTO comments (id, paper_id, user_id, parent_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [comment.id, comment.paperId, comment.userId, comment.parentId, comment.body, comment.createdAt],
    );
  }

  async commentById(id: string): Promise<Comment | null> {
    const rows = await this.pool.query<CommentRow>(`${COMMENT_SELECT} WHERE c.id = $1`, [id]);
    return rows.rows[0] ? toComment(rows.rows[0]) : null;
  }

  async paperComments(paperId: string): Promise<Comment[]> {
    const rows = await this.pool.query<CommentRow>(
      `${COMMENT_SELECT} WHERE c.paper_id = $1 ORDER BY c.created_at, c.id`,
      [paperId],
    );
    return rows.rows.map(toComment);
  }

  async userComments(userId: string): Promise<Comment[]> {
    const rows = await this.pool.query<CommentRow>(
      `${COMMENT_SELECT} WHERE c.user_id = $1 ORDER BY c.created_at, c.id`,
      [userId],
    );
    return rows.rows.map(toComment);
  }

  async editComment(id: string, body: string, at: string): Promise<void> {
    await this.pool.query("UPDATE comments SET body = $1, edited_at = $2 WHERE id = $3", [body, at, id]);
  }

  async deleteComment(id: string, at: string): Promise<void> {
    await this.pool.query("UPDATE comments SET body = '', deleted_at = $1 WHERE id = $2", [at, id]);
  }

  async setCommentHidden(id: string, at: string | null, audit: AuditEntry): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query("UPDATE comments SET hidden_at = $1 WHERE id = $2", [at, id]);
      await insertAudit(client, audit);
    });
  }

  async countVisible(paperIds: string[]): Promise<CommentCount[]> {
    if (paperIds.length === 0) return [];
    const rows = await this.pool.query<{ paper_id: string; comments: string }>(
      `SELECT paper_id, count(*) AS comments FROM comments
       WHERE paper_id = ANY($1::text[]) AND deleted_at IS NULL AND hidden_at IS NULL
       GROUP BY paper_id`,
      [paperIds],
    );
    return rows.rows.map((row) => ({ paperId: row.paper_id, comments: Number(row.comments) }));
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    await insertAudit(this.pool, entry);
  }

  async recentAudit(limit: number): Promise<AuditEntryView[]> {
    const rows = await this.pool.query<AuditRow>(
      `SELECT a.id, a.actor_id, a.action, a.target_type, a.target_id, a.reason, a.at, u.email AS actor_email
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id ORDER BY a.at DESC, a.recorded DESC LIMIT $1`,
      [limit],
    );
    return rows.rows.map(toAuditEntryView);
  }
}
