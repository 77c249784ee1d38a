import type { Paper } from "../core/paper.js";
import type { SearchSort } from "../core/search-filters.js";

/** Newest day first, then the newer submission; the same order the store's date sort uses. */
function byDate(a: Paper, b: Paper): number {
  if (a.day !== b.day) return a.day < b.day ? 1 : -1;
  return (b.publishedAt ?? "").localeCompare(a.publishedAt ?? "");
}

/**
 * Orders relevance-ranked items by the requested sort; relevance keeps their order. Stable, so equal
 * items stay in relevance order.
 */
export function sortByRequest<T>(items: T[], paperOf: (item: T) => Paper, sort: SearchSort): T[] {
  if (sort === "relevance") return items;
  const compare =
    sort === "date"
      ? (a: T, b: T) => byDate(paperOf(a), paperOf(b))
      : (a: T, b: T) => paperOf(b).upvotes - paperOf(a).upvotes || byDate(paperOf(a), paperOf(b));
  return [...items].sort(compare);
}
