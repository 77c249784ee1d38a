import type { SearchSort } from "../../core/search-filters.js";
import { type HighlightedMathPart, splitHighlightedMath } from "../../core/search-query.js";
import type { RankedResult, SearchMode } from "../../search/search-service.js";
import type { MonthCounts } from "../../store/store.js";
import type { SearchFilterFields } from "../search-input.js";
import { formatCount, plural } from "./format.js";
import { type PaginationModel, presentPagination, queryString, withQuery } from "./pagination.js";
import { type PaperCardModel, presentPaperCard } from "./paper-card.js";
import { presentTopicTrend, type TopicTrendModel } from "./topic-trend.js";

export interface SearchHitModel {
  card: PaperCardModel;
  title: HighlightedMathPart[];
  snippet: HighlightedMathPart[];
  /** "related to: attention, transformer" on hits found by meaning alone. */
  relatedTo: string | null;
}

/** What the reader typed and chose, echoed back into the form and the page links. */
export interface SearchForm {
  q: string;
  category: string;
  author: string;
  from: string;
  to: string;
  sort: SearchSort;
  mode: SearchMode;
}

export interface SortOption {
  value: SearchSort;
  label: string;
  selected: boolean;
}

export interface SearchPageModel {
  form: SearchForm;
  /** The page heading's description of the search ("“attention” in cs.LG"). */
  description: string;
  notices: string[];
  /** Null when there was nothing to search for. */
  totalText: string | null;
  /**
   * Why a search shows no hits: nothing matched, or the page asked lies past the last one (every
   * sort alike), with a link back to that last page. Null when there are hits or nothing was searched.
   */
  empty: { text: string; lastPageHref: string | null } | null;
  /** Set when the query matched more papers than the store ranks. */
  truncatedNotice: string | null;
  sortOptions: SortOption[];
  /** The query string of this search's feed (newest first), or null when nothing was searched. */
  feedQuery: string | null;
  /** The query string exporting this very page of results. */
  exportQuery: string;
  /** Whether the filter fields should start open (one of them is in use). */
  filtersOpen: boolean;
  hits: SearchHitModel[];
  /** Papers and upvotes per month for the query, on the first page of results. */
  trend: TopicTrendModel | null;
  pagination: PaginationModel | null;
}

const SORT_LABELS: Record<SearchSort, string> = {
  relevance: "Relevance",
  date: "Newest",
  upvotes: "Most upvoted",
};

function describe(form: SearchForm): string {
  const parts = [form.q ? `“${form.q}”` : "papers"];
  if (form.category) parts.push(`in ${form.category}`);
  if (form.author) parts.push(`by ${form.author}`);
  if (form.from) parts.push(`from ${form.from}`);
  if (form.to) parts.push(`until ${form.to}`);
  return parts.join(" ");
}

/** The form's values as link parameters, leaving out empty ones and the default sort. */
export function searchParams(form: SearchForm): Record<string, string | null> {
  return {
    q: form.q || null,
    category: form.category || null,
    author: form.author || null,
    from: form.from || null,
    to: form.to || null,
    sort: form.sort === "relevance" ? null : form.sort,
    mode: form.mode === "hybrid" ? null : form.mode,
  };
}

function feedQueryOf(form: SearchForm): string {
  return queryString({ ...searchParams(form), sort: null });
}

const NO_MATCHES = "No papers match. Try fewer or different words, or loosen the filters.";

function emptyOf(
  result: RankedResult | null,
  perPage: number,
  hrefFor: (page: number) => string,
): SearchPageModel["empty"] {
  if (!result || result.hits.length > 0) return null;
  if (result.total === 0) return { text: NO_MATCHES, lastPageHref: null };
  const lastPage = Math.ceil(result.total / perPage);
  return {
    text: `No papers on this page: it is past the last one (${plural(lastPage, "page")} of results).`,
    lastPageHref: hrefFor(lastPage),
  };
}

export function presentSearchPage(
  form: SearchForm,
  notices: string[],
  result: RankedResult | null,
  page: number,
  perPage: number,
  monthCounts: MonthCounts | null = null,
  applied: SearchFilterFields | null = null,
): SearchPageModel {
  // What was searched for: a filter value dropped with a notice stays in the form, to be mended.
  const description = describe(applied ? { ...form, ...applied } : form);
  const hrefFor = (target: number) =>
    withQuery("/search", { ...searchParams(form), page: target > 1 ? target : null });
  return {
    form,
    description,
    notices,
    totalText: result
      ? `${result.truncated ? "More than " : ""}${plural(result.total, "paper")} found`
      : null,
    empty: emptyOf(result, perPage, hrefFor),
    truncatedNotice: result?.truncated
      ? `A very broad search: the newest ${formatCount(result.total)} matches were ranked. Add words or filters to narrow it.`
      : null,
    sortOptions: (Object.keys(SORT_LABELS) as SearchSort[]).map((value) => ({
      value,
      label: SORT_LABELS[value],
      selected: value === form.sort,
    })),
    feedQuery: result ? feedQueryOf(form) : null,
    exportQuery: queryString({ ...searchParams(form), page: page > 1 ? page : null }),
    filtersOpen: Boolean(form.category || form.author || form.from || form.to),
    hits: (result?.hits ?? []).map((hit) => ({
      card: presentPaperCard(hit.paper),
      title: splitHighlightedMath(hit.titleHighlighted),
      snippet: splitHighlightedMath(hit.abstractSnippet),
      relatedTo:
        hit.foundBy === "meaning" && hit.relatedTerms.length > 0
          ? `related to: ${hit.relatedTerms.join(", ")}`
          : null,
    })),
    trend:
      result && monthCounts ? presentTopicTrend(monthCounts, description, result.mode !== "lexical") : null,
    // Newest or most upvoted first, a list goes on past the matches it counted.
    pagination: result
      ? presentPagination(
          page,
          perPage,
          result.total,
          hrefFor,
          result.truncated && form.sort !== "relevance" ? { papersOnPage: result.hits.length } : null,
        )
      : null,
  };
}
