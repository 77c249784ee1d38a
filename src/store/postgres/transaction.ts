import type pg from "pg";

/** The pool or one of its connections (inside a transaction): what a single statement runs on. */
export type Queryable = Pick<pg.Pool, "query"> | pg.PoolClient;

/** Runs `work` in one transaction on one connection of the pool; `mode` follows BEGIN (isolation, READ ONLY). */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  mode = "",
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(`BEGIN ${mode}`);
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
