/**
 * Rate-limit windows shared by every web process: one row per action and key (a user, an address),
 * counted by an atomic upsert. UNLOGGED: counters need no crash safety or replicas, and skipping the
 * write-ahead log makes each count cheaper.
 */
export const sql = `
CREATE UNLOGGED TABLE rate_limits (
  key TEXT COLLATE "C" PRIMARY KEY,
  count INTEGER NOT NULL,
  resets_at BIGINT NOT NULL
);
CREATE INDEX rate_limits_by_reset ON rate_limits (resets_at);
`;
