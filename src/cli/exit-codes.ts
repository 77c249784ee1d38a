/** Exit codes that mean something to cron and scripts; documented in `paperpulse import --help`. */
export const EXIT = {
  ok: 0,
  /** Nothing (or not everything) was done: a missing file, a bad option, a store error. */
  failure: 1,
  /** The import finished, but some lines were rejected (see the list, or --rejects FILE). */
  finishedWithRejects: 2,
  /** `digest send`: some due digests were not delivered (failed, or waiting for a retry); see the summary. */
  digestsNotDelivered: 3,
  /** Stopped by Ctrl-C after committing the batch in progress; running again resumes. */
  interrupted: 130,
} as const;
