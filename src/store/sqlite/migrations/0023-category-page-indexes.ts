/**
 * Indexes that carry each paper's categories, so that a category's search page reads no paper rows
 * but its own (a paper's row is a page of its own, the abstract first; at a million papers the table
 * is 3 GB):
 * - migration 20's index by row key, widened by the categories: the page's trend counts the newest
 *   10,000 matches per month, newest first by key (arXiv id order), and stops there; it tested each
 *   candidate's categories in its row (a category of 10,000–100,000 papers: 0.5–1 s); a search with
 *   words tests its day and category filters on it too, where it read each match's row;
 * - the most upvoted first: a category sorted by upvotes over all time takes its first page from the
 *   top of this index, where it sorted every match of the period index.
 */
export const sql = `
DROP INDEX IF EXISTS papers_trend_by_key;
CREATE INDEX papers_trend_by_key_with_categories ON papers (rowid, day, upvotes, categories);
CREATE INDEX papers_by_upvotes_with_categories ON papers (upvotes DESC, day DESC, rowid DESC, categories);
`;
