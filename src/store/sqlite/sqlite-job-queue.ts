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

/** The job queue in the embedded database: one `jobs` table, claims in IMMEDIATE transactions. */
export class SqliteJobQueue implements JobQueue {
  private readonly statements;

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
    const nowIso = now.toISOString();
    const lockedUntil = new Date(now.getTime() + options.leaseSeconds * 1_000).toISOString();
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
