import type { Paper } from "../../core/paper.js";
import { foldUndecomposedLetters } from "../../core/text.js";

/** A papers row as SQLite returns it. */
export interface PaperRow {
  id: string;
  title: string;
  abstract: string;
  authors: string;
  author_count: number | null;
  categories: string;
  comments: string | null;
  journal_ref: string | null;
  doi: string | null;
  license: string | null;
  submitter: string | null;
  versions: string;
  latest_version: number;
  published_at: string | null;
  listing_day: string | null;
  day: string;
  upvotes: number;
}

export const PAPER_COLUMNS =
  "id, title, abstract, authors, author_count, categories, comments, journal_ref, doi, license, submitter, " +
  "versions, latest_version, published_at, listing_day, day, upvotes";

export function rowToPaper(row: PaperRow): Paper {
  return {
    id: row.id,
    title: row.title,
    abstract: row.abstract,
    authors: JSON.parse(row.authors) as string[],
    authorCount: row.author_count,
    categories: JSON.parse(row.categories) as string[],
    comments: row.comments,
    journalRef: row.journal_ref,
    doi: row.doi,
    license: row.license,
    submitter: row.submitter,
    versions: JSON.parse(row.versions) as Paper["versions"],
    latestVersion: row.latest_version,
    publishedAt: row.published_at,
    listingDay: row.listing_day,
    day: row.day,
    upvotes: row.upvotes,
  };
}

/**
 * Authors as the one string the full-text index reads ("Ada Lovelace, Alan Turing"), kept in the
 * papers row so the external-content index can always be rebuilt from the table. FTS5 drops accents
 * but leaves letters such as "ł" and "ß" whole, so names holding one are followed by their spelling in
 * base letters, those names alone ("Łukasz Kaiser, Ada Lovelace; Lukasz Kaiser"): "Lukasz" and
 * "Łukasz" both find them.
 */
export function authorNames(paper: Paper): string {
  const names = paper.authors.join(", ");
  const folded = paper.authors.map(foldUndecomposedLetters).filter((name, i) => name !== paper.authors[i]);
  return folded.length === 0 ? names : `${names}; ${folded.join(", ")}`;
}

/** Whether a moderator hid any paper at all. */
export const ANY_HIDDEN_SQL = "SELECT EXISTS (SELECT 1 FROM hidden_papers)";

/**
 * Not hidden by a moderator (`key` names the papers row key): lists, searches and search results
 * leave hidden papers out. While nothing is hidden the condition is "1": the per-row look-up costs
 * ~15% of a broad period listing, which an empty table need not pay.
 */
export function listedSql(anyHidden: boolean, key = "rowid"): string {
  return anyHidden ? `${key} NOT IN (SELECT paper_key FROM hidden_papers)` : "1";
}
