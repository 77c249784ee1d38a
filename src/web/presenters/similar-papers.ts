import type { SearchSort } from "../../core/search-filters.js";
import type { SimilarPaper } from "../../search/search-service.js";
import { withQuery } from "./pagination.js";
import { type PaperCardModel, paperPath, presentPaperCard } from "./paper-card.js";
import { presentPaperJson } from "./paper-json.js";

export function presentSimilarJson({ paper, similarity }: SimilarPaper) {
  return { paper: presentPaperJson(paper), similarity };
}

export interface SimilarSortLink {
  label: string;
  href: string;
  current: boolean;
}

export interface SimilarPapersModel {
  cards: PaperCardModel[];
  sorts: SimilarSortLink[];
  /** Shown instead of cards when there are none. */
  emptyText: string;
}

const SORT_LABELS: [SearchSort, string][] = [
  ["relevance", "Most similar"],
  ["date", "Newest"],
  ["upvotes", "Most upvoted"],
];

export function presentSimilarPapers(
  paperId: string,
  similar: SimilarPaper[],
  sort: SearchSort,
): SimilarPapersModel {
  return {
    cards: similar.map(({ paper }) => presentPaperCard(paper)),
    sorts: SORT_LABELS.map(([value, label]) => ({
      label,
      href: `${withQuery(paperPath(paperId), { similar: value === "relevance" ? null : value })}#similar`,
      current: value === sort,
    })),
    emptyText: "Similar papers appear here once the papers have been embedded.",
  };
}
