/**
 * Papers moderators took off the lists, search and feeds (a row per hidden paper, keyed by the
 * paper's row key): lists and searches skip these keys with a NOT IN over this small table, which
 * costs nothing while it is empty and keeps the search index and the papers table as they were.
 */
export const sql = `
CREATE TABLE hidden_papers (
  paper_key INTEGER PRIMARY KEY REFERENCES papers (rowid),
  hidden_at TEXT NOT NULL
);
`;
