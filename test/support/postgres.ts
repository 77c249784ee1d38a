import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Stores } from "../../src/store/community-stores.js";
import { openPostgresStores, type PostgresStoresOptions } from "../../src/store/postgres/open-stores.js";
import { openPostgresStore, type PostgresStoreOptions } from "../../src/store/postgres/postgres-store.js";
import type { PaperStore } from "../../src/store/store.js";

/**
 * The PostgreSQL database the tests use, named by PAPERPULSE_TEST_DATABASE_URL; `npm test` starts
 * the local server and sets it. Each store opened here gets a schema of its own, so tests run in
 * parallel without seeing each other's rows; the test command drops the whole database afterwards.
 */
export const TEST_DATABASE_URL = process.env.PAPERPULSE_TEST_DATABASE_URL ?? null;

export function openTestPostgresStore(
  options: Omit<PostgresStoreOptions, "schema"> = {},
): Promise<PaperStore> {
  if (TEST_DATABASE_URL === null)
    throw new Error("PAPERPULSE_TEST_DATABASE_URL is not set: run the tests with npm test");
  return openPostgresStore(TEST_DATABASE_URL, { ...options, schema: testSchema(), maxConnections: 4 });
}

function testSchema(): string {
  return `test_${randomBytes(6).toString("hex")}`;
}

/** Every store (papers and the community) on one pool, in a schema of its own. */
export function openTestPostgresStores(options: Omit<PostgresStoresOptions, "schema"> = {}): Promise<Stores> {
  if (TEST_DATABASE_URL === null)
    throw new Error("PAPERPULSE_TEST_DATABASE_URL is not set: run the tests with npm test");
  return openPostgresStores(TEST_DATABASE_URL, { ...options, schema: testSchema(), maxConnections: 8 });
}

/**
 * A database URL whose connections work in a fresh schema of their own (created here), for tests
 * that start a process configured by PAPERPULSE_DATABASE_URL alone.
 */
export async function testSchemaUrl(): Promise<string> {
  if (TEST_DATABASE_URL === null)
    throw new Error("PAPERPULSE_TEST_DATABASE_URL is not set: run the tests with npm test");
  const schema = testSchema();
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
  } finally {
    await client.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema},public`);
  return url.toString();
}

/** Until some session is waiting for a lock that `holder` holds. */
export async function untilBlockedBy(holder: pg.Client): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const waiting = await holder.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))",
    );
    if (waiting.rows[0]?.n) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("nothing waited for the lock");
}
