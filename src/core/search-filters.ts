import type { Paper } from "./paper.js";
import { foldAccents } from "./text.js";

/**
 * Restrictions a search applies on top of its words: from the query syntax (`cat:`, `author:`,
 * `year:`, `after:`, `before:`) and from the search form. Every store and the dense index apply the
 * same rules, so a filter means the same thing in lexical, semantic and hybrid results.
 */
export interface SearchFilters {
  /** arXiv categories or archives; a paper matches when any of its categories is one of them or lies under one (`cs` covers `cs.LG`). */
  categories: string[];
  /** Author name words, lower-cased; a paper matches when, for every entry, one author's name has all its words. */
  authors: string[][];
  /** Inclusive bounds on the paper's day (YYYY-MM-DD), or null for open. */
  from: string | null;
  to: string | null;
}

export type SearchSort = "relevance" | "date" | "upvotes";

export const NO_FILTERS: SearchFilters = { categories: [], authors: [], from: null, to: null };

export function hasFilters(filters: SearchFilters): boolean {
  return (
    filters.categories.length > 0 ||
    filters.authors.length > 0 ||
    filters.from !== null ||
    filters.to !== null
  );
}

const NAME_WORD = /[\p{L}\p{N}]+/gu;

/**
 * The words of an author name as filters compare them: lower-cased, accents dropped, letters such as
 * "ł" and "ß" spelled in base letters ("Łukasz Müller" → "lukasz", "muller"), as people type them.
 */
export function authorNameWords(name: string): string[] {
  return foldAccents(name).toLowerCase().match(NAME_WORD) ?? [];
}

function inCategories(paper: Paper, categories: string[]): boolean {
  return paper.categories.some((category) =>
    categories.some((wanted) => category === wanted || category.startsWith(`${wanted}.`)),
  );
}

function byAuthors(paper: Paper, authors: string[][]): boolean {
  const names = paper.authors.map((name) => new Set(authorNameWords(name)));
  return authors.every((wanted) => names.some((words) => wanted.every((word) => words.has(word))));
}

/** Whether a paper passes every filter; the reference the stores' own filtering is tested against. */
export function matchesFilters(paper: Paper, filters: SearchFilters): boolean {
  if (filters.from !== null && paper.day < filters.from) return false;
  if (filters.to !== null && paper.day > filters.to) return false;
  if (filters.categories.length > 0 && !inCategories(paper, filters.categories)) return false;
  if (filters.authors.length > 0 && !byAuthors(paper, filters.authors)) return false;
  return true;
}
