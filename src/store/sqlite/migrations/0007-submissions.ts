/** Papers submitted by people; UNIQUE (paper_id) keeps a paper listed once, even under races. */
export const sql = `
CREATE TABLE submissions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  paper_id TEXT NOT NULL UNIQUE REFERENCES papers (id),
  day TEXT NOT NULL,
  submitted_at TEXT NOT NULL
);
CREATE INDEX submissions_by_user_time ON submissions (user_id, submitted_at DESC);
`;
