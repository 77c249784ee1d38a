import { shownName } from "../../community/public-names.js";
import { type Block, parseMarkdown } from "../../core/markdown.js";
import type { Comment } from "../../store/comments-store.js";
import type { Visitor } from "../views/visitor-context.js";
import { formatShortDate } from "./format.js";

/** One comment as the paper page shows it, with its answers. */
export interface CommentModel {
  id: string;
  author: string;
  /** Staff say so beside their name. */
  authorRole: "moderator" | "admin" | null;
  dateTime: string;
  date: string;
  edited: boolean;
  /** Null when there is no text to show (deleted, or hidden from this visitor). */
  blocks: Block[] | null;
  /** What replaces missing text: "deleted", "hidden by a moderator". */
  placeholder: string | null;
  /** Raw text for the author's edit form. */
  source: string | null;
  canEdit: boolean;
  canModerate: boolean;
  hidden: boolean;
  replies: CommentModel[];
}

export interface CommentThreadModel {
  paperId: string;
  count: number;
  comments: CommentModel[];
  /** Signed-in visitors can write; the page then carries their CSRF token. */
  canWrite: boolean;
}

/** The author as the thread names them: a deleted account is named as such. */
export function commentAuthor(comment: Comment): string {
  if (comment.deletedAt !== null) return "[deleted]";
  return comment.userId === null ? "deleted user" : shownName(comment.userId, comment.authorName);
}

/** "moderator" or "admin" beside the name of staff, so that no one can pass for them by name. */
export function commentAuthorRole(comment: Comment): "moderator" | "admin" | null {
  return comment.authorRole === "moderator" || comment.authorRole === "admin" ? comment.authorRole : null;
}

function presentComment(comment: Comment, visitor: Visitor | null): Omit<CommentModel, "replies"> {
  const isModerator = visitor?.viewer.isModerator ?? false;
  const own = visitor?.userId === comment.userId;
  const deleted = comment.deletedAt !== null;
  const hidden = comment.hiddenAt !== null;
  const showText = !deleted && (!hidden || isModerator);
  return {
    id: comment.id,
    author: commentAuthor(comment),
    authorRole: deleted ? null : commentAuthorRole(comment),
    dateTime: comment.createdAt,
    date: formatShortDate(comment.createdAt.slice(0, 10)),
    edited: comment.editedAt !== null,
    blocks: showText ? parseMarkdown(comment.body) : null,
    placeholder: deleted
      ? "This comment was deleted."
      : hidden && !isModerator
        ? "Hidden by a moderator."
        : null,
    source: own && showText ? comment.body : null,
    canEdit: own && !deleted && !hidden,
    canModerate: isModerator && !deleted,
    hidden,
  };
}

/** Comments in threads, oldest first at every level. */
export function presentCommentThread(
  paperId: string,
  comments: Comment[],
  visitor: Visitor | null,
): CommentThreadModel {
  const byParent = new Map<string | null, Comment[]>();
  for (const comment of comments) {
    const siblings = byParent.get(comment.parentId) ?? [];
    siblings.push(comment);
    byParent.set(comment.parentId, siblings);
  }
  const build = (parentId: string | null): CommentModel[] =>
    (byParent.get(parentId) ?? []).map((comment) => ({
      ...presentComment(comment, visitor),
      replies: build(comment.id),
    }));
  return {
    paperId,
    count: comments.filter((comment) => comment.deletedAt === null && comment.hiddenAt === null).length,
    comments: build(null),
    canWrite: visitor !== null,
  };
}
