import type { Paper } from "../../core/paper.js";
import { authorNameWords } from "../../core/search-filters.js";
import { paperValues } from "../rows/paper-values.js";

/** A papers row as node-postgres returns it (JSONB columns already parsed). */
export interface PgPaperRow {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  author_count: number | null;
  categories: string[];
  comments: string | null;
  journal_ref: string | null;
  doi: string | null;
  license: string | null;
  submitter: string | null;
  versions: Paper["versions"];
  latest_version: number;
  published_at: string | null;
  listing_day: string | null;
  day: string;
  upvotes: number;
}

export const PG_PAPER_COLUMNS = [
  "id",
  "title",
  "abstract",
  "authors",
  "author_count",
  "categories",
  "comments",
  "journal_ref",
  "doi",
  "license",
  "submitter",
  "versions",
  "latest_version",
  "published_at",
  "listing_day",
  "day",
  "upvotes",
] as const;

/** Every column a write sets: the paper's own, plus what the indexes read. */
export const PG_WRITE_COLUMNS = [...PG_PAPER_COLUMNS, "author_names", "author_words", "stored_at"] as const;

export function pgRowToPaper(row: PgPaperRow): Paper {
  return {
    id: row.id,
    title: row.title,
    abstract: row.abstract,
    authors: row.authors,
    authorCount: row.author_count,
    categories: row.categories,
    comments: row.comments,
    journalRef: row.journal_ref,
    doi: row.doi,
    license: row.license,
    submitter: row.submitter,
    versions: row.versions,
    latestVersion: row.latest_version,
    publishedAt: row.published_at,
    listingDay: row.listing_day,
    day: row.day,
    upvotes: row.upvotes,
  };
}

/** The values of PG_WRITE_COLUMNS, in that order; JSON columns are sent as JSON text. */
export function pgWriteValues(paper: Paper, storedAt: string): (string | number | null)[] {
  return [
    ...paperValues(paper),
    paper.authors.join(", "),
    JSON.stringify(paper.authors.map(authorNameWords)),
    storedAt,
  ];
}

/**
 * A page of papers LEFT JOINed to its count (the count's row stays when the page is past the end):
 * rows of the page, or a single row whose paper columns are null.
 */
export type PgCountedRow = (PgPaperRow | { id: null }) & { counted: string };

export function pgCountedPage(rows: PgCountedRow[]): { rows: PgPaperRow[]; counted: number } {
  return {
    rows: rows.filter((row): row is PgPaperRow & { counted: string } => row.id !== null),
    counted: Number(rows[0]?.counted ?? 0),
  };
}

/** Not hidden by a moderator (over `papers p`): lists, searches and search results leave hidden papers out. */
export const PG_LISTED = "p.key NOT IN (SELECT paper_key FROM hidden_papers)";
