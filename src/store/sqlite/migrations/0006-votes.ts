/**
 * One upvote per user per paper. papers.upvotes keeps being the count pages show and rank by: the
 * sources' baseline plus these rows, changed in the same transaction as the row.
 */
export const sql = `
CREATE TABLE votes (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  paper_id TEXT NOT NULL REFERENCES papers (id),
  voted_at TEXT NOT NULL,
  PRIMARY KEY (user_id, paper_id)
) WITHOUT ROWID;
CREATE INDEX votes_by_time ON votes (voted_at);
CREATE INDEX votes_by_user_time ON votes (user_id, voted_at DESC);
-- Child-key index: SQLite looks votes up by paper when a papers row's key is written (foreign key check).
CREATE INDEX votes_by_paper ON votes (paper_id);
`;
