/**
 * One row per digest per (subscriber, period) recording where its delivery stands (ADR 0009), and
 * the digest runs the admin page lists, at the level of the SQLite migration 0012. The jobs that send
 * them live in pg-boss's own schema (ADR 0014), not here.
 */
export const sql = `
CREATE TABLE digest_deliveries (
  subscriber_id TEXT COLLATE "C" NOT NULL REFERENCES digest_subscribers (id) ON DELETE CASCADE,
  period_key TEXT COLLATE "C" NOT NULL,
  run_id TEXT COLLATE "C" NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('prepared', 'sending', 'sent', 'failed', 'unknown')),
  digest TEXT NOT NULL,
  papers INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  prepared_at TEXT COLLATE "C" NOT NULL,
  sent_at TEXT COLLATE "C",
  PRIMARY KEY (subscriber_id, period_key)
);
CREATE INDEX digest_deliveries_by_run ON digest_deliveries (run_id, state);
CREATE INDEX digest_deliveries_prepared ON digest_deliveries (prepared_at) WHERE state = 'prepared';

CREATE TABLE digest_runs (
  id TEXT COLLATE "C" PRIMARY KEY,
  started_at TEXT COLLATE "C" NOT NULL,
  finished_at TEXT COLLATE "C",
  dry_run BOOLEAN NOT NULL,
  due INTEGER NOT NULL DEFAULT 0,
  prepared INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  sent INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX digest_runs_by_time ON digest_runs (started_at DESC);
`;
