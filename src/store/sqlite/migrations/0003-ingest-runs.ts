/** One row per run of a live source (harvest, announcements), for the ingestion health page. */
export const sql = `
CREATE TABLE ingest_runs (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL,
  summary TEXT NOT NULL,
  error TEXT
);
CREATE INDEX ingest_runs_by_start ON ingest_runs (started_at DESC);
`;
