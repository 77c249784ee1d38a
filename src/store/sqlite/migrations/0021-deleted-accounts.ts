/**
 * Deleting an account (ADR 0027): comments and audit entries outlive their author, who becomes
 * "deleted user" (user_id / actor_id NULL), so threads and the moderation record keep their shape.
 * SQLite cannot relax NOT NULL in place: both tables are rebuilt, keeping their rowids (the order the
 * audit log and the instance copy read them in). The new indexes find a person's rows when they go.
 * Dropping the old comments table deletes its rows one by one, each checked against the replies that
 * name it as parent: without an index on parent_id each check read the whole table (quadratic: minutes
 * for 100,000 comments, hours for a million, with the database locked); the index goes with the table.
 */
export const sql = `
CREATE TABLE comments_rebuilt (
  id TEXT PRIMARY KEY,
  paper_id TEXT NOT NULL REFERENCES papers (id),
  user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  parent_id TEXT REFERENCES comments_rebuilt (id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  edited_at TEXT,
  deleted_at TEXT,
  hidden_at TEXT
);
INSERT INTO comments_rebuilt (rowid, id, paper_id, user_id, parent_id, body, created_at, edited_at, deleted_at, hidden_at)
  SELECT rowid, id, paper_id, user_id, parent_id, body, created_at, edited_at, deleted_at, hidden_at FROM comments;
CREATE INDEX comments_by_parent_until_rebuilt ON comments (parent_id);
DROP TABLE comments;
ALTER TABLE comments_rebuilt RENAME TO comments;
CREATE INDEX comments_by_paper ON comments (paper_id, created_at);
CREATE INDEX comments_by_user ON comments (user_id);

CREATE TABLE audit_log_rebuilt (
  id TEXT PRIMARY KEY,
  actor_id TEXT REFERENCES users (id) ON DELETE SET NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
INSERT INTO audit_log_rebuilt (rowid, id, actor_id, action, target_type, target_id, reason, at)
  SELECT rowid, id, actor_id, action, target_type, target_id, reason, at FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_rebuilt RENAME TO audit_log;
CREATE INDEX audit_log_by_time ON audit_log (at DESC);
CREATE INDEX audit_log_by_actor ON audit_log (actor_id);
`;
