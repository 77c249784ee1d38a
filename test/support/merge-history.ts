import type { AuditEntry } from "../../src/store/comments-store.js";
import type { Stores } from "../../src/store/community-stores.js";
import { makePaperInput } from "./paper-factory.js";

const T0 = "2025-09-12T10:00:00.000Z";
const T1 = "2025-09-13T10:00:00.000Z";
const T2 = "2025-09-14T10:00:00.000Z";

/**
 * Moderation history the merged-papers migrations read back from the audit log: 2509.00002 merged into
 * 2509.00001 and hidden since; 2509.00003 merged, listed again, then hidden for another reason (no
 * longer a merged duplicate); 2509.00004 hidden and never merged.
 */
export const MERGED_INTO_AFTER_MIGRATION = [
  { id: "2509.00002", merged_into: "2509.00001" },
  { id: "2509.00003", merged_into: null },
  { id: "2509.00004", merged_into: null },
];

export async function writeMergeHistory(stores: Stores): Promise<void> {
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
}
