import type { SearchQuery } from "../../core/search-query.js";
import { foldUndecomposedLetters } from "../../core/text.js";

/** Quotes one word or phrase as an FTS5 string, so no user text is ever read as FTS5 syntax. */
function quoted(words: string[]): string {
  return `"${words.join(" ").replaceAll('"', '""')}"`;
}

/**
 * The FTS5 strings a word or phrase is matched as: itself and, when it holds letters that
 * decomposition keeps whole (ł, ø, ß), its base-letter spelling too, which unicode61 does not fold
 * but the author column also holds ("Łukasz Kaiser; Lukasz Kaiser") and PostgreSQL's unaccent
 * matches, so that "łukasz" finds "Lukasz" on both tiers.
 */
function spellings(words: string[]): string[] {
  const folded = words.map(foldUndecomposedLetters);
  return folded.some((word, index) => word !== words[index])
    ? [quoted(words), quoted(folded)]
    : [quoted(words)];
}

/** One word or phrase as a MATCH expression: any of its spellings. */
function anySpelling(words: string[]): string {
  const each = spellings(words);
  return each.length > 1 ? `(${each.join(" OR ")})` : quoted(words);
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
  const positives = [...query.terms.map((term) => [term]), ...query.phrases];
  // Author words are folded already (authorNameWords), as the author column's base-letter spelling.
  const authorWords = [...new Set(query.filters.authors.flat())].map(
    (word) => `author_names : ${quoted([word])}`,
  );
  if (positives.length === 0 && authorWords.length === 0) return null;
  const parts: string[] = [];
  if (positives.length > 0) parts.push(`(${positives.map(anySpelling).join(matchAll ? " AND " : " OR ")})`);
  parts.push(...authorWords);
  const excluded = query.excluded.flatMap((term) => spellings([term]));
  const exclusions = excluded.map((spelling) => ` NOT ${spelling}`).join("");
  return {
    match: `${parts.join(" AND ")}${exclusions}`,
    phrases: [...positives.flatMap(spellings), ...authorWords, ...excluded.map(() => null)],
  };
}

/** Every quoted phrase of the query, as one MATCH expression (null when it has none). */
export function allPhrasesMatch(query: SearchQuery): string | null {
  return query.phrases.length > 0 ? query.phrases.map(anySpelling).join(" AND ") : null;
}

/** Any excluded word of the query, as one MATCH expression (null when it has none). */
export function anyExcludedMatch(query: SearchQuery): string | null {
  return query.excluded.length > 0 ? query.excluded.flatMap((term) => spellings([term])).join(" OR ") : null;
}

/** The MATCH expression alone (see toFtsQuery). */
export function toFtsMatch(query: SearchQuery, matchAll: boolean): string | null {
  return toFtsQuery(query, matchAll)?.match ?? null;
}
