import pg from "pg";
import { describe, expect, it } from "vitest";
import { openPostgresStore } from "../../../src/store/postgres/postgres-store.js";
import { makePaperInput } from "../../support/paper-factory.js";
import { TEST_DATABASE_URL, testSchemaUrl, untilBlockedBy } from "../../support/postgres.js";

describe.skipIf(TEST_DATABASE_URL === null)("merging papers on PostgreSQL beside other writers", () => {
  it("locks a batch's papers in id order, as moderation does, even where the table holds them in another order", async () => {
    const url = await testSchemaUrl();
    const store = await openPostgresStore(url);
    const moderator = new pg.Client({ connectionString: url });
    try {
      // Stored newest first, so a scan in the table's own order meets 2509.00002 before 2509.00001.
      await store.upsertPapers([makePaperInput({ id: "2509.00002", title: "Second, as first read" })]);
      await store.upsertPapers([makePaperInput({ id: "2509.00001", title: "First, as first read" })]);

      // A moderator's merge of the two, statement by statement: it takes its locks in id order.
      await moderator.connect();
      await moderator.query("BEGIN");
      await moderator.query("SELECT 1 FROM papers WHERE id = '2509.00001' FOR NO KEY UPDATE");
      const merged = store
        .upsertPapers([
          makePaperInput({
            id: "2509.00001",
            title: "First, version 2",
            versions: [{ version: 2, createdAt: null }],
          }),
          makePaperInput({
            id: "2509.00002",
            title: "Second, version 2",
            versions: [{ version: 2, createdAt: null }],
          }),
        ])
        .catch((error: unknown) => error);
      await untilBlockedBy(moderator);
      // Had the import locked 2509.00002 before waiting for 2509.00001, this would wait for it: a deadlock.
      await moderator.query("SELECT 1 FROM papers WHERE id = '2509.00002' FOR NO KEY UPDATE");
      await moderator.query("COMMIT");

      expect(await merged).toEqual({ inserted: 0, updated: 2, unchanged: 0 });
      expect((await store.getPaper("2509.00001"))?.title).toBe("First, version 2");
      expect((await store.getPaper("2509.00002"))?.title).toBe("Second, version 2");
    } finally {
      await moderator.end();
      await store.close();
    }
  });
});
