/** Papers people submitted to the daily lists: each paper at most once. */
export interface NewSubmission {
  id: string;
  userId: string;
  paperId: string;
  /** The daily list it joins (America/New_York date of the submission). */
  day: string;
  submittedAt: string;
}

export interface Submission extends NewSubmission {}

export interface SubmissionStore {
  /**
   * Records the submission and lists the paper on its day, in one transaction. Returns false (and
   * changes nothing) when the paper was already submitted: a paper is listed once.
   */
  recordSubmission(submission: NewSubmission): Promise<boolean>;
  submissionOf(paperId: string): Promise<Submission | null>;
  /** How many papers the user submitted at or after `since` (ISO time), for the daily quota. */
  countUserSubmissionsSince(userId: string, since: string): Promise<number>;
  /** The user's submissions, newest first. */
  userSubmissions(userId: string, limit: number): Promise<Submission[]>;
}
