/** One row per occurrence of a scheduled job that some process claimed and ran (see PaperStore.claimScheduledRun). */
export const sql = `
CREATE TABLE scheduled_runs (
  job TEXT NOT NULL,
  occurrence TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (job, occurrence)
) WITHOUT ROWID;
`;
