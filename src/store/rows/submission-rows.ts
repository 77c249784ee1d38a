import type { Submission } from "../submissions-store.js";

/** Submission rows as both stores read them (same columns, same mapping). */
export interface SubmissionRow {
  id: string;
  user_id: string;
  paper_id: string;
  day: string;
  submitted_at: string;
}

export const SUBMISSION_COLUMNS = "id, user_id, paper_id, day, submitted_at";

export function toSubmission(row: SubmissionRow): Submission {
  return {
    id: row.id,
    userId: row.user_id,
    paperId: row.paper_id,
    day: row.day,
    submittedAt: row.submitted_at,
  };
}
