/**
 * The community on PostgreSQL, at the level of the SQLite migrations 0005–0008: accounts with
 * sign-in tokens, sessions and API tokens (secrets as SHA-256 hashes), one vote per user per paper,
 * submissions (a paper once), threaded comments, the moderation audit log and collections. Ids,
 * times and days are text in the "C" collation, so they sort as SQLite sorts them.
 */
export const sql = `
CREATE TABLE users (
  id TEXT COLLATE "C" PRIMARY KEY,
  email TEXT COLLATE "C" NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('user', 'moderator', 'admin')),
  password_hash TEXT,
  suspended_at TEXT COLLATE "C",
  created_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE login_tokens (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  email TEXT COLLATE "C" NOT NULL,
  expires_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX login_tokens_by_expiry ON login_tokens (expires_at);

CREATE TABLE sessions (
  token_hash TEXT COLLATE "C" PRIMARY KEY,
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT COLLATE "C" NOT NULL,
  expires_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id TEXT COLLATE "C" PRIMARY KEY,
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT COLLATE "C" NOT NULL UNIQUE,
  created_at TEXT COLLATE "C" NOT NULL,
  last_used_at TEXT COLLATE "C"
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

CREATE TABLE votes (
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  paper_id TEXT COLLATE "C" NOT NULL REFERENCES papers (id),
  voted_at TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (user_id, paper_id)
);
CREATE INDEX votes_by_time ON votes (voted_at);
CREATE INDEX votes_by_user_time ON votes (user_id, voted_at DESC);
CREATE INDEX votes_by_paper ON votes (paper_id);

CREATE TABLE submissions (
  id TEXT COLLATE "C" PRIMARY KEY,
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  paper_id TEXT COLLATE "C" NOT NULL UNIQUE REFERENCES papers (id),
  day TEXT COLLATE "C" NOT NULL,
  submitted_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX submissions_by_user_time ON submissions (user_id, submitted_at DESC);

CREATE TABLE comments (
  id TEXT COLLATE "C" PRIMARY KEY,
  paper_id TEXT COLLATE "C" NOT NULL REFERENCES papers (id),
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  parent_id TEXT COLLATE "C" REFERENCES comments (id),
  body TEXT NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  edited_at TEXT COLLATE "C",
  deleted_at TEXT COLLATE "C",
  hidden_at TEXT COLLATE "C"
);
CREATE INDEX comments_by_paper ON comments (paper_id, created_at);

-- recorded orders entries of the same instant as they were written (SQLite uses its rowid).
CREATE TABLE audit_log (
  id TEXT COLLATE "C" PRIMARY KEY,
  actor_id TEXT COLLATE "C" NOT NULL REFERENCES users (id),
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT COLLATE "C" NOT NULL,
  recorded BIGSERIAL
);
CREATE INDEX audit_log_by_time ON audit_log (at DESC, recorded DESC);

CREATE TABLE collections (
  id TEXT COLLATE "C" PRIMARY KEY,
  user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  public BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX collections_by_user ON collections (user_id, created_at);

CREATE TABLE collection_papers (
  collection_id TEXT COLLATE "C" NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  paper_id TEXT COLLATE "C" NOT NULL REFERENCES papers (id),
  added_at TEXT COLLATE "C" NOT NULL,
  read_at TEXT COLLATE "C",
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (collection_id, paper_id)
);
CREATE INDEX collection_papers_by_paper ON collection_papers (paper_id);
`;
