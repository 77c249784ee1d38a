import type pg from "pg";
import type { RateLimitStore } from "../rate-limit-store.js";

/** Ended windows are deleted at most this often per process (a refused key keeps its row until then). */
const SWEEP_INTERVAL_MS = 60_000;

/** The PostgreSQL side of the shared rate limits (see src/store/rate-limit-store.ts). */
export class PostgresRateLimitStore implements RateLimitStore {
  private nextSweep = 0;

  constructor(private readonly pool: pg.Pool) {}

  async hit(keys: string[], max: number, windowMs: number, now: number): Promise<number | null> {
    await this.sweep(now);
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      // Keys in one order, so two requests sharing keys lock their rows in turn, never crosswise.
      const counted = await client.query<{ count: number; resets_at: string }>(
        `INSERT INTO rate_limits AS r (key, count, resets_at)
         SELECT key, 1, $2::bigint + $3::bigint FROM unnest($1::text[]) AS k(key) ORDER BY key
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN r.resets_at <= $2::bigint THEN 1 ELSE r.count + 1 END,
           resets_at = CASE WHEN r.resets_at <= $2::bigint THEN excluded.resets_at ELSE r.resets_at END
         RETURNING count, resets_at`,
        [[...new Set(keys)].sort(), now, windowMs],
      );
      const exhausted = counted.rows.filter((row) => row.count > max).map((row) => Number(row.resets_at));
      await client.query(exhausted.length > 0 ? "ROLLBACK" : "COMMIT");
      return exhausted.length > 0 ? Math.max(...exhausted) : null;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  }

  private async sweep(now: number): Promise<void> {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_INTERVAL_MS;
    await this.pool.query("DELETE FROM rate_limits WHERE resets_at <= $1", [now]);
  }
}
