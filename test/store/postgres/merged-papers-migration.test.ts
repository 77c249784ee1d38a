import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stores } from "../../../src/store/community-stores.js";
import { sql as mergedPapers } from "../../../src/store/postgres/migrations/0022-merged-papers.js";
import { openPostgresStores } from "../../../src/store/postgres/open-stores.js";
import { MERGED_INTO_AFTER_MIGRATION, writeMergeHistory } from "../../support/merge-history.js";
import { TEST_DATABASE_URL, testSchemaUrl } from "../../support/postgres.js";

/** Migration 22 reads the merges made before it from the audit log. */
describe.skipIf(TEST_DATABASE_URL === null)("PostgreSQL migration 22 (merged papers)", () => {
  let stores: Stores;
  let pool: pg.Pool;

  beforeAll(async () => {
    const url = await testSchemaUrl();
    stores = await openPostgresStores(url);
    pool = new pg.Pool({ connectionString: url, max: 1 });
  });

  afterAll(async () => {
    await pool.end();
    await stores.papers.close();
  });

  it("gives each duplicate still hidden since its merge the paper kept, and no other hidden paper one", async () => {
    await writeMergeHistory(stores);

    await pool.query("ALTER TABLE hidden_papers DROP COLUMN merged_into");
    await pool.query(mergedPapers);
    const rows = await pool.query(
      "SELECT p.id, h.merged_into FROM hidden_papers h JOIN papers p ON p.key = h.paper_key ORDER BY p.id",
    );
    expect(rows.rows).toEqual(MERGED_INTO_AFTER_MIGRATION);
  });
});
