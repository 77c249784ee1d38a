/**
 * The write path's schema: `fetched_at`, when each paper's metadata was last read from arXiv itself
 * (an OAI-PMH harvest or an API look-up; null for papers that came only from files or feeds), which
 * the staleness rule of `paperpulse refresh` reads; and a 16 MB in-memory buffer for the search index
 * (1 MB by default), so a batch's index entries reach disk as one segment instead of a dozen that
 * must then be merged: with the default, merging cost as much as tokenising.
 */
export const sql = `
ALTER TABLE papers ADD COLUMN fetched_at TEXT;
INSERT INTO papers_fts (papers_fts, rank) VALUES ('hashsize', 16777216);
`;
