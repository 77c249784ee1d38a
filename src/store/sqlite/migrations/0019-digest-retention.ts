/**
 * Digest history retention (ADR 0009): deliveries in a final state are forgotten some weeks after they
 * were prepared, a batch at a time; this partial index finds them in preparation order without
 * reading the table. `digest_retention` remembers the newest forgotten delivery, the line before
 * which no period may be planned again (its "already sent" record is gone).
 */
export const sql = `
CREATE INDEX digest_deliveries_final ON digest_deliveries (prepared_at)
  WHERE state IN ('sent', 'failed', 'unknown');

CREATE TABLE digest_retention (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  pruned_through TEXT NOT NULL
);
`;
