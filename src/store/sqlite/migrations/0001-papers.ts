/** Papers, their announcement listings, full-text index and import checkpoints. */
export const sql = `
CREATE TABLE papers (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  abstract TEXT NOT NULL,
  authors TEXT NOT NULL,
  author_names TEXT NOT NULL,
  author_count INTEGER,
  categories TEXT NOT NULL,
  comments TEXT,
  journal_ref TEXT,
  doi TEXT,
  license TEXT,
  submitter TEXT,
  versions TEXT NOT NULL,
  latest_version INTEGER NOT NULL,
  published_at TEXT,
  listing_day TEXT,
  day TEXT NOT NULL,
  upvotes INTEGER NOT NULL DEFAULT 0,
  stored_at TEXT NOT NULL
);
CREATE INDEX papers_by_day_upvotes ON papers (day, upvotes DESC, published_at DESC);

CREATE TABLE listings (
  paper_id TEXT NOT NULL,
  day TEXT NOT NULL,
  PRIMARY KEY (paper_id, day)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE papers_fts USING fts5(
  title, abstract, author_names,
  content = 'papers', content_rowid = 'rowid',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
-- Fewer, larger merges while importing; imports end with an optimize (see optimizeSearchIndex).
INSERT INTO papers_fts (papers_fts, rank) VALUES ('automerge', 16);

CREATE TABLE import_checkpoints (
  key TEXT PRIMARY KEY,
  line INTEGER NOT NULL,
  saved_at TEXT NOT NULL
);
`;
