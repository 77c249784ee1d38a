import { canonicalCategory } from "../core/arxiv-categories.js";
import { exclusionsOnlyNotice, isEmptyQuery, parseSearchQuery } from "../core/search-query.js";
import { characterCount } from "../core/text.js";

/**
 * What a personal digest looks for. Plain data, stored as JSON with the subscriber. Every list is
 * capped so a form cannot make selection expensive.
 */
export interface Topics {
  /** arXiv categories or archives (cs.CL, math). */
  categories: string[];
  /** Words or phrases that should appear in the title or abstract. */
  keywords: string[];
  authors: string[];
  /** Words or phrases that exclude a paper. */
  negativeKeywords: string[];
  /** Queries in the search box's language (author:, cat:, "phrases", -words). */
  savedSearches: string[];
  /** Rank by similarity to the papers the subscriber upvoted or saved (needs an account). */
  likeMyPapers: boolean;
}

export const NO_TOPICS: Topics = {
  categories: [],
  keywords: [],
  authors: [],
  negativeKeywords: [],
  savedSearches: [],
  likeMyPapers: false,
};

const MAX_ITEMS = 20;
const MAX_ITEM_CHARS = 200;

export class TopicsError extends Error {
  override name = "TopicsError";
}

/** One item per line or comma (queries: per line only, since they may hold commas). */
function items(raw: string, separator: RegExp): string[] {
  const values = raw
    .split(separator)
    .map((value) => value.trim().replace(/\s+/g, " "))
    .filter((value) => value !== "");
  const long = values.find((value) => characterCount(value) > MAX_ITEM_CHARS);
  if (long) throw new TopicsError(`"${long.slice(0, 40)}…" is longer than ${MAX_ITEM_CHARS} characters.`);
  const unique = [...new Set(values)];
  if (unique.length > MAX_ITEMS) throw new TopicsError(`At most ${MAX_ITEMS} entries per list.`);
  return unique;
}

/**
 * A saved search is refused when the search box would only read it with a notice: in a digest nobody
 * sees that notice, so `year:abc` would quietly match on the words "year" and "abc" instead.
 */
function checkSavedSearch(query: string): string {
  const parsed = parseSearchQuery(query);
  // The search page's notices say how it then searched; here nothing is searched, so that part goes.
  const problem = parsed.notice?.replace(/: searched [^.]*\./g, ".") ?? exclusionsOnlyNotice(parsed);
  if (problem) throw new TopicsError(`Saved search "${query}": ${problem}`);
  // "*", "()" or '""' hold nothing the search reads: such a search would pick no paper, ever.
  if (isEmptyQuery(parsed))
    throw new TopicsError(`Saved search "${query}" holds no word or filter to search for.`);
  return query;
}

export interface TopicsForm {
  categories?: string;
  keywords?: string;
  authors?: string;
  negativeKeywords?: string;
  savedSearches?: string;
  likeMyPapers?: boolean;
}

/** Reads the profile form's text fields; throws TopicsError with a message fit to show. */
export function parseTopics(form: TopicsForm): Topics {
  const categories = items(form.categories ?? "", /[\s,]+/).map((code) => {
    const canonical = canonicalCategory(code);
    if (!canonical)
      throw new TopicsError(`"${code}" is not an arXiv category (e.g. cs.CL, math.AG, hep-th).`);
    return canonical;
  });
  return {
    categories: [...new Set(categories)],
    keywords: items(form.keywords ?? "", /[,\n]/),
    authors: items(form.authors ?? "", /[,\n]/),
    negativeKeywords: items(form.negativeKeywords ?? "", /[,\n]/),
    savedSearches: items(form.savedSearches ?? "", /\n/).map(checkSavedSearch),
    likeMyPapers: form.likeMyPapers ?? false,
  };
}

/** Reads topics back from storage, tolerating fields added later. */
export function topicsFromJson(json: string): Topics {
  const value = JSON.parse(json) as Partial<Topics>;
  return { ...NO_TOPICS, ...value };
}

export function hasTopics(topics: Topics): boolean {
  return (
    topics.categories.length + topics.keywords.length + topics.authors.length + topics.savedSearches.length >
      0 || topics.likeMyPapers
  );
}
