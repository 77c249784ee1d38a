/** One row per occurrence of a scheduled job that some worker claimed and ran (see PaperStore.claimScheduledRun). */
export const sql = `
CREATE TABLE scheduled_runs (
  job TEXT COLLATE "C" NOT NULL,
  occurrence TEXT COLLATE "C" NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (job, occurrence)
);
`;
