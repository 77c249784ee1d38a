/**
 * The PostgreSQL schema at the level of the SQLite migrations 0001–0004, 0009 and 0010: papers with a
 * weighted tsvector (title A, abstract B, authors C) under a GIN index, listings, import checkpoints,
 * live-source positions and runs. Text is compared in the "C" collation, as SQLite compares bytes, so
 * ids and days sort the same in both stores.
 */
export const sql = `
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
CREATE TEXT SEARCH CONFIGURATION paperpulse (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION paperpulse
  ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, english_stem;

CREATE TABLE papers (
  key BIGINT PRIMARY KEY,
  id TEXT COLLATE "C" NOT NULL UNIQUE,
  title TEXT NOT NULL,
  abstract TEXT NOT NULL,
  authors JSONB NOT NULL,
  author_names TEXT NOT NULL,
  author_words JSONB NOT NULL,
  author_count INTEGER,
  categories JSONB NOT NULL,
  comments TEXT,
  journal_ref TEXT,
  doi TEXT,
  license TEXT,
  submitter TEXT,
  versions JSONB NOT NULL,
  latest_version INTEGER NOT NULL,
  published_at TEXT COLLATE "C",
  listing_day TEXT COLLATE "C",
  day TEXT COLLATE "C" NOT NULL,
  upvotes INTEGER NOT NULL DEFAULT 0,
  stored_at TEXT NOT NULL,
  -- When the metadata was last read from arXiv itself (harvest or look-up), for the staleness rule.
  fetched_at TEXT COLLATE "C",
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('paperpulse', title), 'A') ||
    setweight(to_tsvector('paperpulse', abstract), 'B') ||
    setweight(to_tsvector('paperpulse', author_names), 'C')
  ) STORED
);
CREATE INDEX papers_search ON papers USING GIN (search_vector);
CREATE INDEX papers_by_day_upvotes ON papers (day, upvotes DESC, published_at DESC);

-- One int8 vector per paper with its model (SQLite 0004); seq only grows, a replaced vector takes a new one.
CREATE SEQUENCE paper_vectors_seq;
CREATE TABLE paper_vectors (
  paper_key BIGINT PRIMARY KEY REFERENCES papers (key),
  seq BIGINT NOT NULL UNIQUE DEFAULT nextval('paper_vectors_seq'),
  model_id TEXT NOT NULL,
  scale REAL NOT NULL,
  components BYTEA NOT NULL
);
CREATE INDEX paper_vectors_by_model ON paper_vectors (model_id, seq);

CREATE TABLE listings (
  paper_id TEXT COLLATE "C" NOT NULL,
  day TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (paper_id, day)
);

CREATE TABLE import_checkpoints (
  key TEXT PRIMARY KEY,
  line INTEGER NOT NULL,
  saved_at TEXT NOT NULL
);

CREATE TABLE source_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  saved_at TEXT NOT NULL
);

CREATE TABLE ingest_runs (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  started_at TEXT COLLATE "C" NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL,
  summary JSONB NOT NULL,
  error TEXT,
  recorded BIGSERIAL
);
CREATE INDEX ingest_runs_by_start ON ingest_runs (started_at DESC);
`;
