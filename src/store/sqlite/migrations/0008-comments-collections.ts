/**
 * Threaded comments (soft-deleted and hidden in place, so threads keep their shape), the moderation
 * audit log, and collections: people's named lists of papers with read marks and private notes.
 */
export const sql = `
CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  paper_id TEXT NOT NULL REFERENCES papers (id),
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  parent_id TEXT REFERENCES comments (id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  edited_at TEXT,
  deleted_at TEXT,
  hidden_at TEXT
);
CREATE INDEX comments_by_paper ON comments (paper_id, created_at);

CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  actor_id TEXT NOT NULL REFERENCES users (id),
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (at DESC);

CREATE TABLE collections (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  public INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX collections_by_user ON collections (user_id, created_at);

CREATE TABLE collection_papers (
  collection_id TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  paper_id TEXT NOT NULL REFERENCES papers (id),
  added_at TEXT NOT NULL,
  read_at TEXT,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (collection_id, paper_id)
) WITHOUT ROWID;
-- Child-key index for the foreign key check on papers, and for "which collections hold this paper".
CREATE INDEX collection_papers_by_paper ON collection_papers (paper_id);
`;
