/**
 * Migration 20's index by row key, widened by categories: a category's search page counts its newest
 * 10,000 papers per month for the trend chart, and without categories in the index each candidate's
 * row was read to test them (a category of 10,000–100,000 papers at a million: most of the 3 GB table,
 * 0.5–1 s). Row keys are arXiv id order, so this walks newest first and stops at the limit.
 */
export const sql = `
DROP INDEX IF EXISTS papers_trend_by_key;
CREATE INDEX papers_trend_by_key_with_categories ON papers (rowid, day, upvotes, categories);
`;
