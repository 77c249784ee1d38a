/** Papers moderators took off the lists, search and feeds (SQLite 0013): a row per hidden paper. */
export const sql = `
CREATE TABLE hidden_papers (
  paper_key BIGINT PRIMARY KEY REFERENCES papers (key),
  hidden_at TEXT COLLATE "C" NOT NULL
);
`;
