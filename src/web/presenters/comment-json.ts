import type { Comment } from "../../store/comments-store.js";

/** A comment for the API: the text only while it is visible. */
export function presentCommentJson(comment: Comment) {
  const state = comment.deletedAt !== null ? "deleted" : comment.hiddenAt !== null ? "hidden" : "visible";
  return {
    id: comment.id,
    paperId: comment.paperId,
    parentId: comment.parentId,
    author: state === "deleted" ? "[deleted]" : (comment.authorEmail?.split("@")[0] ?? "deleted user"),
    body: state === "visible" ? comment.body : null,
    createdAt: comment.createdAt,
    editedAt: comment.editedAt,
    state,
  } as const;
}
