/**
 * Sending: a generic durable job queue (jobs), one row per digest per (subscriber, period) that
 * records where its delivery stands (digest_deliveries; ADR 0009 walks through the states), and the
 * digest runs the admin page lists.
 */
export const sql = `
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  queue TEXT NOT NULL,
  singleton_key TEXT,
  data TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('created', 'retry', 'active', 'completed', 'failed')),
  start_after TEXT NOT NULL,
  retry_count INTEGER NOT NULL DEFAULT 0,
  retry_limit INTEGER NOT NULL,
  retry_delay_s INTEGER NOT NULL,
  retry_backoff INTEGER NOT NULL,
  locked_until TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  completed_at TEXT,
  UNIQUE (queue, singleton_key)
);
CREATE INDEX jobs_to_claim ON jobs (queue, state, start_after);

CREATE TABLE digest_deliveries (
  subscriber_id TEXT NOT NULL REFERENCES digest_subscribers (id) ON DELETE CASCADE,
  period_key TEXT NOT NULL,
  run_id TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('prepared', 'sending', 'sent', 'failed', 'unknown')),
  digest TEXT NOT NULL,
  papers INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  prepared_at TEXT NOT NULL,
  sent_at TEXT,
  PRIMARY KEY (subscriber_id, period_key)
) WITHOUT ROWID;
CREATE INDEX digest_deliveries_by_run ON digest_deliveries (run_id, state);

CREATE TABLE digest_runs (
  id TEXT PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  dry_run INTEGER NOT NULL,
  due INTEGER NOT NULL DEFAULT 0,
  prepared INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  sent INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX digest_runs_by_time ON digest_runs (started_at DESC);
`;
