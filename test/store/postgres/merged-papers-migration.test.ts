import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../src/store/comments-store.js";
import type { Stores } from "../../../src/store/community-stores.js";
import { sql as mergedPapers } from "../../../src/store/postgres/migrations/0022-merged-papers.js";
import { openPostgresStores } from "../../../src/store/postgres/open-stores.js";
import { makePaperInput } from "../../support/paper-factory.js";
import { TEST_DATABASE_URL, testSchemaUrl } from "../../support/postgres.js";

const T0 = "2025-09-12T10:00:00.000Z";
const T1 = "2025-09-13T10:00:00.000Z";
const T2 = "2025-09-14T10:00:00.000Z";

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
    await stores.papers.upsertPapers(
      ["2509.00001", "2509.00002", "2509.00003", "2509.00004"].map((id) => makePaperInput({ id })),
    );
    const { id: actorId } = await stores.community.accounts.ensureUser({
      id: "mod",
      email: "mod@example.org",
      role: "moderator",
      createdAt: T0,
    });
    const audit = (id: string, action: string, targetId: string, at: string): AuditEntry => ({
      id,
      actorId,
      action,
      targetType: "paper",
      targetId,
      reason: "",
      at,
    });
    const { moderation } = stores.community;
    await moderation.mergePapers(
      "2509.00002",
      "2509.00001",
      audit("m1", "paper.merge", "2509.00002 into 2509.00001", T0),
    );
    await moderation.mergePapers(
      "2509.00003",
      "2509.00001",
      audit("m2", "paper.merge", "2509.00003 into 2509.00001", T0),
    );
    await moderation.setPaperHidden("2509.00003", null, audit("s1", "paper.show", "2509.00003", T1));
    await moderation.setPaperHidden("2509.00003", T2, audit("h1", "paper.hide", "2509.00003", T2));
    await moderation.setPaperHidden("2509.00004", T1, audit("h2", "paper.hide", "2509.00004", T1));

    await pool.query("ALTER TABLE hidden_papers DROP COLUMN merged_into");
    await pool.query(mergedPapers);
    const rows = await pool.query(
      "SELECT p.id, h.merged_into FROM hidden_papers h JOIN papers p ON p.key = h.paper_key ORDER BY p.id",
    );
    expect(rows.rows).toEqual([
      { id: "2509.00002", merged_into: "2509.00001" },
      { id: "2509.00003", merged_into: null },
      { id: "2509.00004", merged_into: null },
    ]);
  });
});
