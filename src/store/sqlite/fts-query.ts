import type { SearchQuery } from "../../core/search-query.js";

/** Quotes one word or phrase as an FTS5 string, so no user text is ever read as FTS5 syntax. */
function quoted(words: string[]): string {
  return `"${words.join(" ").replaceAll('"', '""')}"`;
}

export interface FtsQuery {
  /** The MATCH expression. */
  match: string;
  /**
   * Each phrase of the expression in the order FTS5 numbers them, as a MATCH expression of its own
   * (what counts the papers it occurs in); null for an excluded word, which no match contains.
   */
  phrases: (string | null)[];
}

/**
 * Builds the FTS5 MATCH expression for a parsed query. With `matchAll` every word and phrase must
 * occur (implicit AND); otherwise any may (OR), which BM25 still ranks by how many match. Author
 * filters narrow the match to papers whose author column has the name words (the store then checks
 * the names exactly). Returns null when nothing positive is left to match.
 */
export function toFtsQuery(query: SearchQuery, matchAll: boolean): FtsQuery | null {
  const positives = [...query.terms.map((term) => quoted([term])), ...query.phrases.map(quoted)];
  const authorWords = [...new Set(query.filters.authors.flat())].map(
    (word) => `author_names : ${quoted([word])}`,
  );
  if (positives.length === 0 && authorWords.length === 0) return null;
  const parts: string[] = [];
  if (positives.length > 0) parts.push(`(${positives.join(matchAll ? " AND " : " OR ")})`);
  parts.push(...authorWords);
  const exclusions = query.excluded.map((term) => ` NOT ${quoted([term])}`).join("");
  return {
    match: `${parts.join(" AND ")}${exclusions}`,
    phrases: [...positives, ...authorWords, ...query.excluded.map(() => null)],
  };
}

/** Every quoted phrase of the query, as one MATCH expression (null when it has none). */
export function allPhrasesMatch(query: SearchQuery): string | null {
  return query.phrases.length > 0 ? query.phrases.map(quoted).join(" AND ") : null;
}

/** Any excluded word of the query, as one MATCH expression (null when it has none). */
export function anyExcludedMatch(query: SearchQuery): string | null {
  return query.excluded.length > 0 ? query.excluded.map((term) => quoted([term])).join(" OR ") : null;
}

/** The MATCH expression alone (see toFtsQuery). */
export function toFtsMatch(query: SearchQuery, matchAll: boolean): string | null {
  return toFtsQuery(query, matchAll)?.match ?? null;
}
