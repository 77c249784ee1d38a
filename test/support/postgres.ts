import { randomBytes } from "node:crypto";
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
  const schema = `test_${randomBytes(6).toString("hex")}`;
  return openPostgresStore(TEST_DATABASE_URL, { ...options, schema, maxConnections: 4 });
}
