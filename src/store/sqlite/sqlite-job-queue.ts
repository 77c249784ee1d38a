import { setImmediate as nextTurn } from "node:timers/promises";
import type Database from "better-sqlite3";
import { newId } from "../../community/secrets.js";
import {
  type FailOptions,
  type FetchOptions,
  type Job,
  type JobQueue,
  type QueueCounts,
  retryDelaySeconds,
  type SendOptions,
} from "../../jobs/queue.js";

interface JobRow {
  id: string;
  queue: string;
  data: string;
  retry_count: number;
  exclusive_key: string | null;
}

interface RetryRow {
  retry_count: number;
  retry_limit: number;
  retry_delay_s: number;
  retry_backoff: number;
}

/**
 * How long a completed or failed job (and so its singleton key) is kept after it finished: the
 * horizon of pg-boss on the PostgreSQL tier (7 days, then 7 in its archive).
 */
const FINISHED_JOB_RETENTION_MS = 14 * 24 * 3_600_000;

/** How often a fetch forgets the finished jobs past the retention: cheap, but not every second. */
const FORGET_INTERVAL_MS = 3_600_000;

/**
 * Rows per delete, so forgetting a long history (the first pass after an upgrade) never holds the
 * database's write lock, or this process's event loop, for long.
 */
const FORGET_BATCH = 5_000;

/**
 * The job queue in the embedded database: one `jobs` table, claims in IMMEDIATE transactions.
 * Fetches also forget finished jobs past the retention, so every process using the queue keeps the
 * table to about two weeks of jobs without a scheduler of its own.
 */
export class SqliteJobQueue implements JobQueue {
  private readonly statements;
  private nextForgetAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO jobs (id, queue, singleton_key, exclusive_key, data, state, start_after, retry_limit, retry_delay_s, retry_backoff, created_at)
         VALUES (@id, @queue, @singletonKey, @exclusiveKey, @data, 'created', @startAfter, @retryLimit, @retryDelay, @retryBackoff, @createdAt)
         ON CONFLICT DO NOTHING`,
      ),
      due: db.prepare<{ queue: string; now: string; limit: number }, JobRow>(
        `SELECT id, queue, data, retry_count, exclusive_key FROM jobs j
         WHERE queue = @queue
           AND ((state IN ('created', 'retry') AND start_after <= @now) OR (state = 'active' AND locked_until <= @now))
           AND (exclusive_key IS NULL OR NOT EXISTS (
             SELECT 1 FROM jobs running WHERE running.queue = j.queue AND running.exclusive_key = j.exclusive_key
               AND running.state = 'active' AND running.locked_until > @now))
         ORDER BY start_after, created_at LIMIT @limit`,
      ),
      claim: db.prepare("UPDATE jobs SET state = 'active', locked_until = ? WHERE id = ?"),
      complete: db.prepare(
        "UPDATE jobs SET state = 'completed', completed_at = ?, locked_until = NULL WHERE queue = ? AND id = ?",
      ),
      retryRow: db.prepare<[string, string], RetryRow>(
        "SELECT retry_count, retry_limit, retry_delay_s, retry_backoff FROM jobs WHERE queue = ? AND id = ?",
      ),
      retry: db.prepare(
        "UPDATE jobs SET state = 'retry', retry_count = retry_count + 1, start_after = ?, last_error = ?, locked_until = NULL WHERE id = ?",
      ),
      fail: db.prepare(
        "UPDATE jobs SET state = 'failed', completed_at = ?, last_error = ?, locked_until = NULL WHERE id = ?",
      ),
      forgetFinished: db.prepare<[string, number]>(
        `DELETE FROM jobs WHERE rowid IN (
           SELECT rowid FROM jobs WHERE state IN ('completed', 'failed') AND completed_at < ? LIMIT ?)`,
      ),
      counts: db.prepare<[string], { state: string; count: number; next: string | null }>(
        "SELECT state, COUNT(*) AS count, MIN(start_after) AS next FROM jobs WHERE queue = ? GROUP BY state",
      ),
    };
  }

  async send<T>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    const id = newId();
    const now = this.now();
    const result = this.statements.insert.run({
      id,
      queue: name,
      singletonKey: options.singletonKey ?? null,
      exclusiveKey: options.exclusiveKey ?? null,
      data: JSON.stringify(data),
      startAfter: (options.startAfter ?? now).toISOString(),
      retryLimit: options.retryLimit ?? 2,
      retryDelay: options.retryDelay ?? 0,
      retryBackoff: options.retryBackoff ? 1 : 0,
      createdAt: now.toISOString(),
    });
    return result.changes > 0 ? id : null;
  }

  async fetch<T>(name: string, options: FetchOptions): Promise<Job<T>[]> {
    const now = this.now();
    if (now.getTime() >= this.nextForgetAt) await this.forgetFinishedJobs(now);
    const nowIso = now.toISOString();
    const lockedUntil = new Date(now.getTime() + options.leaseSeconds * 1_000).toISOString();
    // A look without the write lock first: an idle queue, polled every second, then never waits
    // (synchronously, up to the busy timeout) for another process's write such as an import's.
    if (this.statements.due.all({ queue: name, now: nowIso, limit: 1 }).length === 0) return [];
    return this.db
      .transaction(() => {
        const due = this.statements.due.all({ queue: name, now: nowIso, limit: options.batchSize });
        const exclusiveKeys = new Set<string>();
        // One job per exclusive key in a batch, too.
        const rows = due.filter((row) => {
          if (row.exclusive_key === null) return true;
          if (exclusiveKeys.has(row.exclusive_key)) return false;
          exclusiveKeys.add(row.exclusive_key);
          return true;
        });
        for (const row of rows) this.statements.claim.run(lockedUntil, row.id);
        return rows.map((row) => ({
          id: row.id,
          name: row.queue,
          data: JSON.parse(row.data) as T,
          retryCount: row.retry_count,
        }));
      })
      .immediate();
  }

  /** Deletes completed and failed jobs that finished more than the retention ago; never waiting or active ones. */
  private async forgetFinishedJobs(now: Date): Promise<void> {
    this.nextForgetAt = now.getTime() + FORGET_INTERVAL_MS;
    const finishedBefore = new Date(now.getTime() - FINISHED_JOB_RETENTION_MS).toISOString();
    while (this.statements.forgetFinished.run(finishedBefore, FORGET_BATCH).changes === FORGET_BATCH) {
      await nextTurn();
    }
  }

  async complete(name: string, id: string): Promise<void> {
    this.statements.complete.run(this.now().toISOString(), name, id);
  }

  async fail(name: string, id: string, error: string, options: FailOptions): Promise<void> {
    const now = this.now();
    this.db
      .transaction(() => {
        const row = this.statements.retryRow.get(name, id);
        if (!row) return;
        if (options.permanent || row.retry_count >= row.retry_limit) {
          this.statements.fail.run(now.toISOString(), error, id);
          return;
        }
        const delay = retryDelaySeconds(row.retry_delay_s, row.retry_backoff === 1, row.retry_count + 1);
        this.statements.retry.run(new Date(now.getTime() + delay * 1_000).toISOString(), error, id);
      })
      .immediate();
  }

  async counts(name: string): Promise<QueueCounts> {
    const counts: QueueCounts = { waiting: 0, active: 0, completed: 0, failed: 0, nextStartAfter: null };
    for (const row of this.statements.counts.all(name)) {
      if (row.state === "created" || row.state === "retry") {
        counts.waiting += row.count;
        const next = row.next ? new Date(row.next) : null;
        if (next && (!counts.nextStartAfter || next < counts.nextStartAfter)) counts.nextStartAfter = next;
      } else if (row.state === "active") counts.active += row.count;
      else if (row.state === "completed") counts.completed += row.count;
      else if (row.state === "failed") counts.failed += row.count;
    }
    return counts;
  }
}
