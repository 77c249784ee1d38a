import type { Role } from "../accounts-store.js";
import type { AuditEntry, AuditEntryView, Comment } from "../comments-store.js";

/** Comment and audit rows as both stores read them (same columns, same mapping). */
export interface CommentRow {
  id: string;
  paper_id: string;
  user_id: string | null;
  parent_id: string | null;
  body: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  hidden_at: string | null;
  author_name: string | null;
  author_role: Role | null;
}

export interface AuditRow {
  id: string;
  actor_id: string | null;
  action: string;
  target_type: AuditEntry["targetType"];
  target_id: string;
  reason: string;
  at: string;
  actor_email: string | null;
}

export const COMMENT_SELECT = `SELECT c.id, c.paper_id, c.user_id, c.parent_id, c.body, c.created_at, c.edited_at,
  c.deleted_at, c.hidden_at, u.public_name AS author_name, u.role AS author_role
  FROM comments c LEFT JOIN users u ON u.id = c.user_id`;

export function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    paperId: row.paper_id,
    userId: row.user_id,
    parentId: row.parent_id,
    body: row.body,
    createdAt: row.created_at,
    authorName: row.author_name,
    authorRole: row.author_role,
    editedAt: row.edited_at,
    deletedAt: row.deleted_at,
    hiddenAt: row.hidden_at,
  };
}

export function toAuditEntryView(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    reason: row.reason,
    at: row.at,
    actorEmail: row.actor_email,
  };
}
