import type pg from "pg";
import { SUBMISSION_COLUMNS, type SubmissionRow, toSubmission } from "../rows/submission-rows.js";
import type { NewSubmission, Submission, SubmissionStore } from "../submissions-store.js";
import { inTransaction } from "./transaction.js";

/** The PostgreSQL side of the submissions contract (see src/store/submissions-store.ts). */
export class PostgresSubmissionStore implements SubmissionStore {
  constructor(private readonly pool: pg.Pool) {}

  async recordSubmission(submission: NewSubmission): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      // UNIQUE (paper_id): of two submissions racing, the second waits for the first and then does nothing.
      const inserted = await client.query(
        `INSERT INTO submissions (${SUBMISSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (paper_id) DO NOTHING`,
        [submission.id, submission.userId, submission.paperId, submission.day, submission.submittedAt],
      );
      if ((inserted.rowCount ?? 0) === 0) return false;
      // The same rule as the paper store's listings: a paper's day is its earliest listing day.
      await client.query("INSERT INTO listings (paper_id, day) VALUES ($1, $2) ON CONFLICT DO NOTHING", [
        submission.paperId,
        submission.day,
      ]);
      await client.query(
        `UPDATE papers SET listing_day = $2, day = $2, stored_at = $3
         WHERE id = $1 AND (listing_day IS NULL OR listing_day > $2)`,
        [submission.paperId, submission.day, submission.submittedAt],
      );
      return true;
    });
  }

  async submissionOf(paperId: string): Promise<Submission | null> {
    const rows = await this.pool.query<SubmissionRow>(
      `SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE paper_id = $1`,
      [paperId],
    );
    return rows.rows[0] ? toSubmission(rows.rows[0]) : null;
  }

  async countUserSubmissionsSince(userId: string, since: string): Promise<number> {
    const rows = await this.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM submissions WHERE user_id = $1 AND submitted_at >= $2",
      [userId, since],
    );
    return Number(rows.rows[0]?.n ?? 0);
  }

  async userSubmissions(userId: string, limit: number): Promise<Submission[]> {
    const rows = await this.pool.query<SubmissionRow>(
      `SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE user_id = $1 ORDER BY submitted_at DESC LIMIT $2`,
      [userId, limit],
    );
    return rows.rows.map(toSubmission);
  }
}
