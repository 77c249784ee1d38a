import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../../src/store/comments-store.js";
import { sql as mergedPapers } from "../../../src/store/sqlite/migrations/0025-merged-papers.js";
import { openSqliteStores } from "../../../src/store/sqlite/open-stores.js";
import { makePaperInput } from "../../support/paper-factory.js";

const T0 = "2025-09-12T10:00:00.000Z";
const T1 = "2025-09-13T10:00:00.000Z";
const T2 = "2025-09-14T10:00:00.000Z";

/** Migration 0025 reads the merges made before it from the audit log. */
describe("SQLite migration 0025 (merged papers)", () => {
  it("gives each duplicate still hidden since its merge the paper kept, and no other hidden paper one", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-0025-")), "paperpulse.db");
    const stores = openSqliteStores(file);
    await stores.papers.upsertPapers(
      ["2509.00001", "2509.00002", "2509.00003", "2509.00004", "2509.00005"].map((id) =>
        makePaperInput({ id }),
      ),
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
    // Merged, listed again, then hidden for another reason: no longer a merged duplicate.
    await moderation.mergePapers(
      "2509.00003",
      "2509.00001",
      audit("m2", "paper.merge", "2509.00003 into 2509.00001", T0),
    );
    await moderation.setPaperHidden("2509.00003", null, audit("s1", "paper.show", "2509.00003", T1));
    await moderation.setPaperHidden("2509.00003", T2, audit("h1", "paper.hide", "2509.00003", T2));
    await moderation.setPaperHidden("2509.00004", T1, audit("h2", "paper.hide", "2509.00004", T1));
    await stores.papers.close();

    const db = new Database(file);
    db.exec("ALTER TABLE hidden_papers DROP COLUMN merged_into");
    db.transaction(() => db.exec(mergedPapers))();
    const rows = db
      .prepare(
        "SELECT p.id, h.merged_into FROM hidden_papers h JOIN papers p ON p.rowid = h.paper_key ORDER BY p.id",
      )
      .all();
    db.close();
    expect(rows).toEqual([
      { id: "2509.00002", merged_into: "2509.00001" },
      { id: "2509.00003", merged_into: null },
      { id: "2509.00004", merged_into: null },
    ]);
  });
});
