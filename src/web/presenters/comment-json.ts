import type { Comment } from "../../store/comments-store.js";
import { commentAuthor, commentAuthorRole } from "./comment-thread.js";

/** A comment for the API: the text only while it is visible. */
export function presentCommentJson(comment: Comment) {
  const state = comment.deletedAt !== null ? "deleted" : comment.hiddenAt !== null ? "hidden" : "visible";
  return {
    id: comment.id,
    paperId: comment.paperId,
    parentId: comment.parentId,
    author: commentAuthor(comment),
    authorRole: state === "deleted" ? null : commentAuthorRole(comment),
    body: state === "visible" ? comment.body : null,
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
    state,
  } as const;
}
