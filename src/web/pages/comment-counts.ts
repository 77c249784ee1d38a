import type { CommentService } from "../../community/comments.js";
import type { PaperCardModel } from "../presenters/paper-card.js";

/** Visible comments per paper; null where the instance has no comments (no accounts). */
export type CommentCounts = ReadonlyMap<string, number> | null;

export async function commentCountsOf(
  comments: CommentService | undefined,
  paperIds: string[],
): Promise<CommentCounts> {
  return comments ? comments.countsFor(paperIds) : null;
}

/** The card with its paper's comment count, which cards show wherever they list papers. */
export function withCommentCount(card: PaperCardModel, counts: CommentCounts): PaperCardModel {
  return counts ? { ...card, commentCount: counts.get(card.id) ?? 0 } : card;
}
