import type Database from "better-sqlite3";
import { SUBMISSION_COLUMNS, type SubmissionRow, toSubmission } from "../rows/submission-rows.js";
import type { NewSubmission, Submission, SubmissionStore } from "../submissions-store.js";

export class SqliteSubmissionStore implements SubmissionStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO submissions (${SUBMISSION_COLUMNS}) VALUES (@id, @userId, @paperId, @day, @submittedAt)
         ON CONFLICT (paper_id) DO NOTHING`,
      ),
      // The same rule as the paper store's listings: a paper's day is its earliest listing day.
      insertListing: db.prepare("INSERT OR IGNORE INTO listings (paper_id, day) VALUES (?, ?)"),
      moveToListingDay: db.prepare(
        "UPDATE papers SET listing_day = @day, day = @day, stored_at = @at WHERE id = @id AND (listing_day IS NULL OR listing_day > @day)",
      ),
      byPaper: db.prepare<[string], SubmissionRow>(
        `SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE paper_id = ?`,
      ),
      countSince: db
        .prepare<[string, string], number>(
          "SELECT count(*) FROM submissions WHERE user_id = ? AND submitted_at >= ?",
        )
        .pluck(),
      byUser: db.prepare<[string, number], SubmissionRow>(
        `SELECT ${SUBMISSION_COLUMNS} FROM submissions WHERE user_id = ? ORDER BY submitted_at DESC LIMIT ?`,
      ),
    };
  }

  async recordSubmission(submission: NewSubmission): Promise<boolean> {
    return this.db
      .transaction(() => {
        if (this.statements.insert.run(submission).changes === 0) return false;
        this.statements.insertListing.run(submission.paperId, submission.day);
        this.statements.moveToListingDay.run({
          id: submission.paperId,
          day: submission.day,
          at: submission.submittedAt,
        });
        return true;
      })
      .immediate();
  }

  async submissionOf(paperId: string): Promise<Submission | null> {
    const row = this.statements.byPaper.get(paperId);
    return row ? toSubmission(row) : null;
  }

  async countUserSubmissionsSince(userId: string, since: string): Promise<number> {
    return this.statements.countSince.get(userId, since) ?? 0;
  }

  async userSubmissions(userId: string, limit: number): Promise<Submission[]> {
    return this.statements.byUser.all(userId, limit).map(toSubmission);
  }
}
