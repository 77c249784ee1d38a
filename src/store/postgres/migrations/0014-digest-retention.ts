/**
 * Digest history retention (ADR 0009), at the level of the SQLite migration 0019: a partial index
 * over final deliveries in preparation order, and the newest forgotten delivery's preparation time.
 */
export const sql = `
CREATE INDEX digest_deliveries_final ON digest_deliveries (prepared_at)
  WHERE state IN ('sent', 'failed', 'unknown');

CREATE TABLE digest_retention (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  pruned_through TEXT COLLATE "C" NOT NULL
);
`;
