import { type HighlightSegment, splitHighlights } from "../../core/search-query.js";
import type { RankedResult, SearchMode } from "../../search/search-service.js";
import { formatCount, plural } from "./format.js";
import { type PaginationModel, presentPagination, withQuery } from "./pagination.js";
import { type PaperCardModel, presentPaperCard } from "./paper-card.js";

export interface SearchHitModel {
  card: PaperCardModel;
  title: HighlightSegment[];
  snippet: HighlightSegment[];
  /** "related to: attention, transformer" on hits found by meaning alone. */
  relatedTo: string | null;
}

export interface SearchPageModel {
  query: string;
  notice: string | null;
  /** Null when there was nothing to search for. */
  totalText: string | null;
  /** Set when the query matched more papers than the store ranks. */
  truncatedNotice: string | null;
  hits: SearchHitModel[];
  pagination: PaginationModel | null;
}

export function presentSearchPage(
  query: string,
  notice: string | null,
  result: RankedResult | null,
  page: number,
  perPage: number,
  mode: SearchMode = "hybrid",
): SearchPageModel {
  return {
    query,
    notice,
    totalText: result
      ? `${result.truncated ? "More than " : ""}${plural(result.total, "paper")} found`
      : null,
    truncatedNotice: result?.truncated
      ? `A very broad query: the newest ${formatCount(result.total)} matches were ranked. Add words to narrow it.`
      : null,
    hits: (result?.hits ?? []).map((hit) => ({
      card: presentPaperCard(hit.paper),
      title: splitHighlights(hit.titleHighlighted),
      snippet: splitHighlights(hit.abstractSnippet),
      relatedTo:
        hit.foundBy === "meaning" && hit.relatedTerms.length > 0
          ? `related to: ${hit.relatedTerms.join(", ")}`
          : null,
    })),
    pagination: result
      ? presentPagination(page, perPage, result.total, (target) =>
          withQuery("/search", {
            q: query,
            page: target > 1 ? target : null,
            mode: mode === "hybrid" ? null : mode,
          }),
        )
      : null,
  };
}
