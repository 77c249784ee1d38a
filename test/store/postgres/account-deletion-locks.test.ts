import pg from "pg";
import { describe, expect, it } from "vitest";
import { openPostgresStores } from "../../../src/store/postgres/open-stores.js";
import { makePaperInput } from "../../support/paper-factory.js";
import { TEST_DATABASE_URL, testSchemaUrl, untilBlockedBy } from "../../support/postgres.js";

const T0 = "2025-09-12T10:00:00.000Z";
const T1 = "2025-09-13T10:00:00.000Z";

describe.skipIf(TEST_DATABASE_URL === null)("deleting an account on PostgreSQL beside other writers", () => {
  it("lets a merge holding a voted paper move the member's vote, then takes it back: no deadlock, counts kept", async () => {
    const url = await testSchemaUrl();
    const stores = await openPostgresStores(url);
    const merge = new pg.Client({ connectionString: url });
    try {
      await stores.papers.upsertPapers([
        makePaperInput({ id: "2509.00001", upvotes: 3 }),
        makePaperInput({ id: "2509.00002", upvotes: 5 }),
      ]);
      const { accounts, votes } = stores.community;
      const ada = await accounts.ensureUser({
        id: "ada",
        email: "ada@example.org",
        role: "user",
        createdAt: T0,
      });
      await votes.addVote(ada.id, "2509.00001", T0);

      // A moderator's merge of 2509.00001 into 2509.00002, statement by statement: it holds both papers
      // while it moves their votes, whose inserts check that each voter still exists.
      await merge.connect();
      await merge.query("BEGIN");
      await merge.query(
        "SELECT 1 FROM papers WHERE id IN ('2509.00001', '2509.00002') ORDER BY id FOR NO KEY UPDATE",
      );
      const deletion = accounts.deleteUser(ada.id, T1).catch((error: unknown) => error);
      await untilBlockedBy(merge);
      await merge.query(
        "INSERT INTO votes (user_id, paper_id, voted_at) SELECT user_id, '2509.00002', voted_at FROM votes WHERE paper_id = '2509.00001'",
      );
      await merge.query("DELETE FROM votes WHERE paper_id = '2509.00001'");
      await merge.query("UPDATE papers SET upvotes = upvotes - 1 WHERE id = '2509.00001'");
      await merge.query("UPDATE papers SET upvotes = upvotes + 1 WHERE id = '2509.00002'");
      await merge.query("COMMIT");

      expect(await deletion).toBe("deleted");
      expect((await stores.papers.getPaper("2509.00001"))?.upvotes).toBe(3);
      expect((await stores.papers.getPaper("2509.00002"))?.upvotes).toBe(5);
      expect(await votes.userVotes(ada.id, 10)).toEqual([]);
    } finally {
      await merge.end();
      await stores.papers.close();
    }
  });
});
