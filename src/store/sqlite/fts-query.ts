import type { SearchQuery } from "../../core/search-query.js";

/** Quotes one word or phrase as an FTS5 string, so no user text is ever read as FTS5 syntax. */
function quoted(words: string[]): string {
  return `"${words.join(" ").replaceAll('"', '""')}"`;
}

/**
 * Builds the FTS5 MATCH expression for a parsed query. With `matchAll` every word and phrase must
 * occur (implicit AND); otherwise any may (OR), which BM25 still ranks by how many match.
 * Returns null when nothing positive is left to match.
 */
export function toFtsMatch(query: SearchQuery, matchAll: boolean): string | null {
  const positives = [...query.terms.map((term) => quoted([term])), ...query.phrases.map(quoted)];
  if (positives.length === 0) return null;
  const joined = positives.join(matchAll ? " AND " : " OR ");
  const exclusions = query.excluded.map((term) => ` NOT ${quoted([term])}`).join("");
  return exclusions ? `(${joined})${exclusions}` : joined;
}
