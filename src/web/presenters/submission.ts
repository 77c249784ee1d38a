import type { SubmissionPreview, SubmissionResult } from "../../community/submissions.js";
import { type PaperCardModel, presentPaperCard } from "./paper-card.js";

export interface SubmissionPreviewModel {
  card: PaperCardModel;
  /** The canonical id the confirmation form sends. */
  paperId: string;
  message: string;
  confirmLabel: string;
}

export function presentSubmissionPreview(preview: SubmissionPreview): SubmissionPreviewModel {
  return {
    card: presentPaperCard(preview.paper),
    paperId: preview.paper.id,
    message: preview.message,
    confirmLabel: preview.outcome === "list" ? "Submit this paper" : "Upvote it",
  };
}

export function presentSubmissionJson(result: SubmissionResult) {
  return {
    paperId: result.paper.id,
    outcome: result.outcome,
    day: result.day,
    upvotes: result.upvotes,
    links: { page: `/papers/${result.paper.id}`, day: `/days/${result.day}` },
  };
}

export function presentPreviewJson(preview: SubmissionPreview) {
  return {
    paperId: preview.paper.id,
    title: preview.paper.title,
    outcome: preview.outcome,
    day: preview.day,
    message: preview.message,
  };
}
