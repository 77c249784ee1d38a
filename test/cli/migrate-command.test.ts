import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/digest/settings.js";
import type { Stores } from "../../src/store/community-stores.js";
import { copyInstance } from "../../src/store/instance-copy/copy-instance.js";
import { openPostgresStores } from "../../src/store/postgres/open-stores.js";
import { openSqliteStores } from "../../src/store/sqlite/open-stores.js";
import { makePaperInput } from "../support/paper-factory.js";
import { TEST_DATABASE_URL, testSchemaUrl } from "../support/postgres.js";
import { runCli } from "./run-cli.js";

const T0 = "2025-09-12T10:00:00.000Z";
const MODEL = "test-model";

/** A small instance with a row in every table the migration moves. */
async function fillInstance({ papers, community, digest }: Stores): Promise<void> {
  await papers.upsertPapers(
    [
      makePaperInput({ id: "2509.00001", title: "Kept", upvotes: 4 }),
      makePaperInput({ id: "2509.00002", title: "Duplicate", listingDay: null }),
      makePaperInput({ id: "hep-th/9901001", title: "Old style", listingDay: "1999-01-04" }),
    ],
    { checkpoint: { key: "import:file", line: 3, rejected: 1 }, fetchedAt: T0 },
  );
  await papers.addListings([{ paperId: "2509.00001", day: "2025-09-12" }]);
  await papers.saveVectors(
    ["2509.00001", "2509.00002"].map((paperId, index) => ({
      paperId,
      modelId: MODEL,
      scale: 0.25 * (index + 1),
      components: Int8Array.from([index, -7, 127, -128]),
    })),
  );
  await papers.saveSourceState({ key: "oai:cs", value: "2025-09-12" });
  await papers.claimScheduledRun("daily ingest", "2025-09-13T00:30:00.000Z");
  await papers.recordIngestRun({
    id: "run-1",
    source: "announcements",
    startedAt: T0,
    finishedAt: T0,
    status: "succeeded",
    summary: { listed: 3, nested: { b: 1, a: [1, 2] } },
    error: null,
  });
  const { accounts, votes, submissions, comments, collections, moderation } = community;
  const ada = await accounts.ensureUser({
    id: "u-ada",
    email: "ada@example.org",
    role: "admin",
    createdAt: T0,
  });
  const bob = await accounts.ensureUser({
    id: "u-bob",
    email: "bob@example.org",
    role: "user",
    createdAt: T0,
  });
  await accounts.setPasswordHash(bob.id, "scrypt$x");
  await accounts.createSession({
    tokenHash: "s1",
    userId: ada.id,
    createdAt: T0,
    expiresAt: "2099-01-01T00:00:00Z",
  });
  await accounts.saveLoginToken({
    tokenHash: "l1",
    email: "cy@example.org",
    expiresAt: "2099-01-01T00:00:00Z",
  });
  await accounts.createApiToken({
    id: "t1",
    userId: bob.id,
    name: "script",
    tokenHash: "th1",
    createdAt: T0,
  });
  for (const user of [ada, bob]) await votes.addVote(user.id, "2509.00001", T0);
  await votes.addVote(bob.id, "2509.00002", T0);
  await submissions.recordSubmission({
    id: "sub1",
    userId: bob.id,
    paperId: "2509.00002",
    day: "2025-09-12",
    submittedAt: T0,
  });
  await comments.addComment({
    id: "c1",
    paperId: "2509.00001",
    userId: ada.id,
    parentId: null,
    body: "First",
    createdAt: T0,
  });
  await comments.addComment({
    id: "c0",
    paperId: "2509.00001",
    userId: bob.id,
    parentId: "c1",
    body: "Reply",
    createdAt: T0,
  });
  await collections.createCollection({
    id: "k1",
    userId: bob.id,
    name: "Reading",
    public: true,
    createdAt: T0,
  });
  await collections.addItem("k1", "2509.00001", T0);
  await collections.changeItem("k1", "2509.00001", { kind: "note", note: "later" });
  await moderation.setPaperHidden("hep-th/9901001", T0, {
    id: "a1",
    actorId: ada.id,
    action: "paper.hide",
    targetType: "paper",
    targetId: "hep-th/9901001",
    reason: "off topic",
    at: T0,
  });
  // A member who commented and moderated, then left: the comment and audit entry stay, by no one.
  const dee = await accounts.ensureUser({
    id: "u-dee",
    email: "dee@example.org",
    role: "moderator",
    createdAt: T0,
  });
  await comments.addComment({
    id: "c2",
    paperId: "2509.00001",
    userId: dee.id,
    parentId: "c1",
    body: "Gone",
    createdAt: T0,
  });
  await comments.recordAudit({
    id: "a0",
    actorId: dee.id,
    action: "comment.hide",
    targetType: "comment",
    targetId: "c0",
    reason: "spam",
    at: "2025-09-11T10:00:00.000Z",
  });
  expect(await accounts.deleteUser(dee.id, T0)).toBe("deleted");
  const reader = await digest.digests.ensureSubscriber({
    id: "d-bob",
    email: "bob@example.org",
    userId: bob.id,
    createdAt: T0,
    ...DEFAULT_SETTINGS,
    kind: "personal",
    topics: { ...DEFAULT_SETTINGS.topics, keywords: ["locality"] },
  });
  await digest.digests.setStatus(reader.id, "active", T0);
  await digest.digests.saveFeedback(reader.id, "2509.00001", -1, T0);
  await digest.digests.recordRun({
    id: "r1",
    startedAt: T0,
    finishedAt: T0,
    dryRun: false,
    due: 1,
    prepared: 1,
    skipped: 0,
  });
  await digest.digests.prepareDelivery({
    subscriberId: reader.id,
    periodKey: "daily:2025-09-12",
    runId: "r1",
    digest: {
      to: reader.email,
      kind: "personal",
      frequency: "daily",
      coverage: "2025-09-11",
      picks: [{ paperId: "2509.00001", reasons: ["matches: locality"] }],
    },
    papers: 1,
    preparedAt: T0,
    coveredThrough: "2025-09-11",
  });
  await digest.digests.startSending(reader.id, "daily:2025-09-12");
  await digest.digests.markSent(reader.id, "daily:2025-09-12", T0);
  // An older digest, sent and since forgotten: the retention line travels with the instance.
  await digest.digests.prepareDelivery({
    subscriberId: reader.id,
    periodKey: "daily:2025-08-01",
    runId: "r1",
    digest: { to: reader.email, kind: "personal", frequency: "daily", coverage: "2025-07-31", picks: [] },
    papers: 0,
    preparedAt: "2025-08-01T08:00:00.000Z",
    coveredThrough: "2025-09-11",
  });
  await digest.digests.startSending(reader.id, "daily:2025-08-01");
  await digest.digests.markSent(reader.id, "daily:2025-08-01", "2025-08-01T08:00:01.000Z");
  await digest.digests.forgetDeliveries("2025-09-01T00:00:00.000Z", 10);
}

/** When the copy last analysed the papers table (the move ends ready for search: statistics fresh). */
async function papersAnalysedAt(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Statistics reach the view shortly after the transaction that made them.
    for (let attempt = 0; attempt < 50; attempt++) {
      const rows = await client.query<{ at: string | null }>(
        "SELECT last_analyze::text AS at FROM pg_stat_user_tables WHERE relname = 'papers' AND schemaname = current_schema()",
      );
      if (rows.rows[0]?.at) return rows.rows[0].at;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return null;
  } finally {
    await client.end();
  }
}

describe.skipIf(TEST_DATABASE_URL === null)("paperpulse migrate", () => {
  it("moves a whole instance to PostgreSQL, verified, and resumes after new rows", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-migrate-"));
    const file = path.join(dataDir, "source.db");
    const source = openSqliteStores(file);
    await fillInstance(source);
    const url = await testSchemaUrl();

    const first = await runCli(["migrate", "--from", `sqlite:${file}`, "--to", url], dataDir);
    expect(`${first.stdout}\n${first.stderr}`).not.toContain("paperpulse:");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("papers: 3 rows, 3 copied now");
    expect(first.stdout).toContain("paper_vectors: 2 rows, 2 copied now");
    expect(first.stdout).toContain("comments: 3 rows, 3 copied now");
    expect(first.stdout).toMatch(/audit_log: 2 rows, 2 copied now, .*verified/);
    expect(first.stdout).toContain("digest_subscribers: 1 rows, 1 copied now");
    expect(first.stdout).toContain("digest_deliveries: 1 rows, 1 copied now");
    expect(first.stdout).not.toContain("MISMATCH");
    expect(first.stdout).toContain("migrated and verified");
    expect(await papersAnalysedAt(url)).not.toBeNull();

    const target = await openPostgresStores(url);
    try {
      expect(await target.papers.getPaper("2509.00001")).toEqual(await source.papers.getPaper("2509.00001"));
      expect((await target.papers.getPaper("2509.00001"))?.upvotes).toBe(6);
      expect(await target.papers.getCheckpoint("import:file")).toEqual({ line: 3, rejected: 1 });
      expect(await target.papers.getSourceState("oai:cs")).toBe("2025-09-12");
      // A due run done before the move is not run again after it.
      expect(await target.papers.claimScheduledRun("daily ingest", "2025-09-13T00:30:00.000Z")).toBe(false);
      expect(await target.papers.recentIngestRuns(5)).toEqual(await source.papers.recentIngestRuns(5));
      expect(await target.papers.vectorsSince(MODEL, 0, 10)).toEqual(
        await source.papers.vectorsSince(MODEL, 0, 10),
      );
      expect((await target.community.accounts.sessionUser("s1", T0))?.email).toBe("ada@example.org");
      expect((await target.community.accounts.userById("u-bob"))?.passwordHash).toBe("scrypt$x");
      expect(await target.community.accounts.apiTokens("u-bob")).toEqual(
        await source.community.accounts.apiTokens("u-bob"),
      );
      expect(await target.community.comments.paperComments("2509.00001")).toEqual(
        await source.community.comments.paperComments("2509.00001"),
      );
      expect(await target.community.collections.items("k1")).toEqual(
        await source.community.collections.items("k1"),
      );
      expect((await target.community.collections.collectionById("k1"))?.public).toBe(true);
      expect(await target.community.moderation.hiddenAmong(["hep-th/9901001", "2509.00001"])).toEqual([
        "hep-th/9901001",
      ]);
      expect(await target.community.comments.recentAudit(5)).toEqual(
        await source.community.comments.recentAudit(5),
      );
      expect((await target.community.comments.recentAudit(5)).map((entry) => entry.id)).toEqual(["a1", "a0"]);
      // Digests: links signed before the move still work after it.
      expect(await target.digest.digests.signingKey()).toBe(await source.digest.digests.signingKey());
      expect(await target.digest.digests.subscriberByUser("u-bob")).toEqual(
        await source.digest.digests.subscriberByUser("u-bob"),
      );
      expect(await target.digest.digests.feedback("d-bob")).toEqual([{ paperId: "2509.00001", signal: -1 }]);
      expect(await target.digest.digests.delivery("d-bob", "daily:2025-09-12")).toEqual(
        await source.digest.digests.delivery("d-bob", "daily:2025-09-12"),
      );
      expect(await target.digest.digests.recentRuns(5)).toEqual(await source.digest.digests.recentRuns(5));
      expect(await target.digest.digests.prunedThrough()).toBe("2025-08-01T08:00:00.000Z");
      // A vector saved on the target after the move numbers on from the copied ones.
      await target.papers.saveVectors([
        { paperId: "hep-th/9901001", modelId: MODEL, scale: 1, components: Int8Array.from([1, 2, 3, 4]) },
      ]);
      expect((await target.papers.vectorsSince(MODEL, 2, 10)).map((vector) => vector.paperId)).toEqual([
        "hep-th/9901001",
      ]);
    } finally {
      await target.papers.close();
    }

    // The source kept changing: a second run adds what is new.
    await source.papers.upsertPapers([makePaperInput({ id: "2509.00003", title: "Late" })]);
    await source.community.votes.addVote("u-ada", "2509.00003", T0);
    await source.papers.close();
    const second = await runCli(["migrate", "--from", `sqlite:${file}`, "--to", url], dataDir);
    expect(second.stdout).toContain("papers: 4 rows, 1 copied now, checksum");
    expect(second.stdout).toMatch(/papers: .* verified/);
    expect(second.stdout).toContain("votes: 4 rows, 1 copied now");
    expect(second.stdout).toContain("users: 2 rows, 0 copied now");
    // The one new vector (made on the target) is not in the source: the check says so.
    expect(second.stdout).toContain("paper_vectors: 2 rows, 0 copied now, checksum");
    expect(second.stdout).toMatch(/paper_vectors: .*MISMATCH \(3 rows in PostgreSQL/);
    expect(second.stdout).toContain("1 tables differ");
    expect(second.code).toBe(1);
  });

  it("resumes a copy that stopped after its last committed batch", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-migrate-"));
    const file = path.join(dataDir, "source.db");
    const source = openSqliteStores(file);
    await fillInstance(source);
    await source.papers.close();
    const url = await testSchemaUrl();
    let batches = 0;
    const stopping = copyInstance(file, url, {
      batchSize: 1,
      onBatch: () => {
        if (++batches === 4) throw new Error("connection lost");
      },
    });
    await expect(stopping).rejects.toThrow("connection lost");
    const reports = await copyInstance(file, url, { batchSize: 1 });
    expect(reports.every((report) => report.matches)).toBe(true);
    // Four batches of one row had been committed: listings (2), then papers (2 of 3).
    const copiedNow = Object.fromEntries(reports.map((report) => [report.table, report.copied]));
    expect(copiedNow).toMatchObject({ listings: 0, papers: 1, votes: 3, comments: 3 });
  });

  it("refuses what is not a SQLite file or a PostgreSQL URL", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-migrate-"));
    const missing = await runCli(
      ["migrate", "--from", "sqlite:/nowhere/x.db", "--to", "postgres://h/db"],
      dataDir,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("there is no database file /nowhere/x.db");
    const notSqlite = await runCli(["migrate", "--from", "x.db", "--to", "postgres://h/db"], dataDir);
    expect(notSqlite.stderr).toContain("--from must be sqlite:PATH");
    const notPostgres = await runCli(
      ["migrate", "--from", `sqlite:${__filename}`, "--to", "mysql://h/db"],
      dataDir,
    );
    expect(notPostgres.stderr).toContain("--to must be a PostgreSQL URL");
  });
});
