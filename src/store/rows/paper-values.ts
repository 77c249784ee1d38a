import type { Paper } from "../../core/paper.js";

/**
 * A paper's stored columns as positional values, in the order both stores list them (SQLite's
 * PAPER_COLUMNS, PostgreSQL's PG_PAPER_COLUMNS): id … upvotes, JSON columns as JSON text.
 */
export function paperValues(paper: Paper): (string | number | null)[] {
  return [
    paper.id,
    paper.title,
    paper.abstract,
    JSON.stringify(paper.authors),
    paper.authorCount,
    JSON.stringify(paper.categories),
    paper.comments,
    paper.journalRef,
    paper.doi,
    paper.license,
    paper.submitter,
    JSON.stringify(paper.versions),
    paper.latestVersion,
    paper.publishedAt,
    paper.listingDay,
    paper.day,
    paper.upvotes,
  ];
}
