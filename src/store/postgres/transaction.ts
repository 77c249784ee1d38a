import type pg from "pg";

/** The pool or one of its connections (inside a transaction): what a single statement runs on. */
export type Queryable = Pick<pg.Pool, "query"> | pg.PoolClient;

/**
 * Runs `work` in one transaction on one connection of the pool; `mode` follows BEGIN (isolation, READ
 * ONLY), and `settings` (planner settings, say) hold for this transaction alone, set in BEGIN's round trip.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  mode = "",
  settings: Record<string, string> = {},
): Promise<T> {
  const client = await pool.connect();
  try {
    const setLocal = Object.entries(settings).map(([name, value]) => `; SET LOCAL ${name} = ${value}`);
    await client.query(`BEGIN ${mode}${setLocal.join("")}`);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}
