import { canonicalCategory } from "../core/arxiv-categories.js";
import { combineFilters } from "../core/search-field-syntax.js";
import { authorNameWords, type SearchFilters, type SearchSort } from "../core/search-filters.js";
import { parseSearchQuery, type SearchQuery } from "../core/search-query.js";

/** Filters chosen outside the query text: the search form's fields and the API's parameters. */
export interface SearchFilterFields {
  category?: string;
  author?: string;
  from?: string;
  to?: string;
}

/** What the pages and the API search for, with what could not be read from the fields. */
export interface SearchInput {
  query: SearchQuery;
  sort: SearchSort;
  /** Field values that were not understood, each as a sentence for the reader. */
  problems: string[];
  /** The field values searched for: the understood ones, categories as arXiv spells them. */
  applied: Required<SearchFilterFields>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function readFields(fields: SearchFilterFields, problems: string[]): SearchFilters {
  const categories: string[] = [];
  for (const code of (fields.category ?? "").split(/[\s,]+/).filter(Boolean)) {
    const category = canonicalCategory(code);
    if (category) categories.push(category);
    else
      problems.push(
        `“${clip(code)}” is not an arXiv category: expected one like cs.LG, or an archive like math.`,
      );
  }
  const authorWords = authorNameWords(fields.author ?? "");
  const author = fields.author?.trim() ?? "";
  if (author !== "" && authorWords.length === 0)
    problems.push(`“${clip(author)}” holds no name to look for: expected one like Yann LeCun.`);
  const bound = (name: "from" | "to"): string | null => {
    const value = fields[name]?.trim();
    if (!value) return null;
    if (isDay(value)) return value;
    problems.push(`“${clip(value)}” is not a day for “${name}”: expected one like 2025-09-11.`);
    return null;
  };
  return {
    categories,
    authors: authorWords.length > 0 ? [authorWords] : [],
    from: bound("from"),
    to: bound("to"),
  };
}

/** Parses the query text and the filter fields together; both sets of filters apply. */
export function readSearchInput(
  q: string,
  fields: SearchFilterFields,
  sort: SearchSort | undefined,
): SearchInput {
  const problems: string[] = [];
  const parsed = parseSearchQuery(q);
  const chosen = readFields(fields, problems);
  const query = { ...parsed, filters: combineFilters(parsed.filters, chosen) };
  const applied = {
    category: chosen.categories.join(", "),
    author: chosen.authors.length > 0 ? (fields.author ?? "").trim() : "",
    from: chosen.from ?? "",
    to: chosen.to ?? "",
  };
  return { query, sort: sort ?? "relevance", problems, applied };
}

/** A range whose start is after its end matches nothing: said, rather than left as an empty result. */
export function reversedRangeNotice({ from, to }: SearchFilters): string | null {
  if (from === null || to === null || from <= to) return null;
  return `No paper can match: the range starts on ${from}, after it ends on ${to}. Swap the two days to search between them.`;
}
