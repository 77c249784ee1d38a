import type { Role } from "./accounts-store.js";
/** Threaded comments on papers, and the moderation audit log. */
export interface NewComment {
  id: string;
  paperId: string;
  userId: string;
  /** The comment this one answers; null for a top-level comment. */
  parentId: string | null;
  body: string;
  createdAt: string;
}

export interface Comment extends Omit<NewComment, "userId"> {
  /** Null once the author deleted their account (the comment stays, erased, so the thread keeps its shape). */
  userId: string | null;
  /** The author's public name; null until they chose one, or once their account is deleted. */
  authorName: string | null;
  /** The author's role, so that moderators' comments say so; null for a deleted account. */
  authorRole: Role | null;
  editedAt: string | null;
  /** Deleted by its author: the thread keeps its place, the text is gone. */
  deletedAt: string | null;
  /** Hidden by a moderator. */
  hiddenAt: string | null;
}

export interface CommentCount {
  paperId: string;
  comments: number;
}

export interface AuditEntry {
  id: string;
  actorId: string;
  /** "comment.hide", "user.suspend", … */
  action: string;
  targetType: "comment" | "user" | "paper";
  targetId: string;
  reason: string;
  at: string;
}

export interface AuditEntryView extends Omit<AuditEntry, "actorId"> {
  /** Null once the moderator deleted their account: the entry stays, by "deleted user". */
  actorId: string | null;
  actorEmail: string | null;
}

export interface CommentStore {
  addComment(comment: NewComment): Promise<void>;
  commentById(id: string): Promise<Comment | null>;
  /** Every comment on the paper, oldest first, hidden and deleted ones included. */
  paperComments(paperId: string): Promise<Comment[]>;
  /** Everything the user wrote, deleted and hidden comments included, oldest first (their data export). */
  userComments(userId: string): Promise<Comment[]>;
  editComment(id: string, body: string, at: string): Promise<void>;
  /** Clears the text and marks the comment deleted. */
  deleteComment(id: string, at: string): Promise<void>;
  /** Hides (a time) or shows again (null), recording the audit entry in the same transaction. */
  setCommentHidden(id: string, at: string | null, audit: AuditEntry): Promise<void>;
  /** Visible comments per paper, for the cards; papers without comments are left out. */
  countVisible(paperIds: string[]): Promise<CommentCount[]>;
  recordAudit(entry: AuditEntry): Promise<void>;
  /** The latest audit entries, newest first. */
  recentAudit(limit: number): Promise<AuditEntryView[]>;
}
