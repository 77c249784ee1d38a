import type pg from "pg";
import type { RateLimitStore } from "../rate-limit-store.js";

/** Ended windows are deleted at most this often per process (a refused key keeps its row until then). */
const SWEEP_INTERVAL_MS = 60_000;

/** The PostgreSQL side of the shared rate limits (see src/store/rate-limit-store.ts). */
export class PostgresRateLimitStore implements RateLimitStore {
  private nextSweep = 0;

  constructor(private readonly pool: pg.Pool) {}

  /**
   * One statement, so the rows stay locked only while it runs: every request from one address
   * updates that address's row, and a transaction held open across round trips (and the commit's
   * flush) made them queue behind each other. The keys' rows are locked first, in key order (two
   * requests sharing keys take turns, never crosswise), then counted unless one is used up. A lost
   * count after a crash costs nothing, so its commit does not wait for the flush to disk (set_config
   * with is_local: for this statement's own transaction).
   */
  async hit(keys: string[], max: number, windowMs: number, now: number): Promise<number | null> {
    await this.sweep(now);
    const refused = await this.pool.query<{ resets_at: string | null }>(
      `WITH locked AS (
         SELECT key, count, resets_at FROM rate_limits WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE
       ), exhausted AS (
         SELECT resets_at FROM locked WHERE resets_at > $2::bigint AND count >= $4
       ), counted AS (
         INSERT INTO rate_limits AS r (key, count, resets_at)
         SELECT key, 1, $2::bigint + $3::bigint FROM unnest($1::text[]) AS k(key)
         WHERE NOT EXISTS (SELECT 1 FROM exhausted) ORDER BY key
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN r.resets_at <= $2::bigint THEN 1 ELSE r.count + 1 END,
           resets_at = CASE WHEN r.resets_at <= $2::bigint THEN excluded.resets_at ELSE r.resets_at END
       )
       SELECT (SELECT max(resets_at) FROM exhausted) AS resets_at,
         set_config('synchronous_commit', 'off', true) AS commit_mode`,
      [[...new Set(keys)].sort(), now, windowMs, max],
    );
    const resetsAt = refused.rows[0]?.resets_at;
    return resetsAt === null || resetsAt === undefined ? null : Number(resetsAt);
  }

  private async sweep(now: number): Promise<void> {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_INTERVAL_MS;
    await this.pool.query("DELETE FROM rate_limits WHERE resets_at <= $1", [now]);
  }
}
