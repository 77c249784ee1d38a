import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseSearchQuery } from "../../src/core/search-query.js";
import { DEFAULT_SETTINGS } from "../../src/digest/settings.js";
import type { Stores } from "../../src/store/community-stores.js";
import { makePaperInput } from "../support/paper-factory.js";

/** The behaviour every implementation of the community stores must have, whatever database is behind it. */
export function describeCommunityStoreContract(name: string, open: () => Promise<Stores>): void {
  describe(`Community stores contract: ${name}`, () => {
    let stores: Stores;
    const T0 = "2025-09-12T10:00:00.000Z";
    const T1 = "2025-09-12T11:00:00.000Z";
    const newUser = (email: string, role: "user" | "admin" = "user") =>
      stores.community.accounts.ensureUser({ id: `id-${email}`, email, role, createdAt: T0 });

    beforeEach(async () => {
      stores = await open();
      await stores.papers.upsertPapers([makePaperInput({ id: "2509.00001", upvotes: 7 })]);
    });
    afterEach(async () => {
      await stores.papers.close();
    });

    it("creates a user once per email, whatever its case, keeping the first role", async () => {
      const first = await newUser("Ada@Example.org", "admin");
      expect(first).toMatchObject({
        email: "ada@example.org",
        role: "admin",
        passwordHash: null,
        suspendedAt: null,
      });
      const again = await stores.community.accounts.ensureUser({
        id: "other",
        email: "ada@example.org",
        role: "user",
        createdAt: T0,
      });
      expect(again.id).toBe(first.id);
      expect(again.role).toBe("admin");
      expect(await stores.community.accounts.userByEmail("ADA@example.org")).toEqual(first);
      expect(await stores.community.accounts.userById("missing")).toBeNull();
    });

    it("consumes a login token once and only before it expires", async () => {
      const { accounts } = stores.community;
      await accounts.saveLoginToken({
        tokenHash: "h1",
        email: "a@example.org",
        expiresAt: "2025-09-12T10:15:00.000Z",
      });
      await accounts.saveLoginToken({
        tokenHash: "h2",
        email: "b@example.org",
        expiresAt: "2025-09-12T10:15:00.000Z",
      });
      expect(await accounts.loginTokenEmail("h1", T0)).toBe("a@example.org");
      expect(await accounts.loginTokenEmail("h2", "2025-09-12T10:15:00.000Z")).toBeNull();
      expect(await accounts.loginTokenEmail("unknown", T0)).toBeNull();
      expect(await accounts.consumeLoginToken("h1", T0)).toBe("a@example.org");
      expect(await accounts.loginTokenEmail("h1", T0)).toBeNull();
      expect(await accounts.consumeLoginToken("h1", T0)).toBeNull();
      expect(await accounts.consumeLoginToken("h2", "2025-09-12T10:15:00.000Z")).toBeNull();
      expect(await accounts.consumeLoginToken("unknown", T0)).toBeNull();
    });

    it("finds a session's user until it expires, and ends one or all of a user's sessions", async () => {
      const { accounts } = stores.community;
      const ada = await newUser("ada@example.org");
      const later = "2025-09-13T10:00:00.000Z";
      for (const tokenHash of ["s1", "s2"]) {
        await accounts.createSession({ tokenHash, userId: ada.id, createdAt: T0, expiresAt: later });
      }
      expect((await accounts.sessionUser("s1", T0))?.id).toBe(ada.id);
      expect(await accounts.sessionUser("s1", later)).toBeNull();
      expect(await accounts.sessionStartedAt("s1", T0)).toBe(T0);
      expect(await accounts.sessionStartedAt("s1", later)).toBeNull();
      expect(await accounts.sessionStartedAt("unknown", T0)).toBeNull();
      await accounts.deleteSession("s1");
      expect(await accounts.sessionUser("s1", T0)).toBeNull();
      expect(await accounts.deleteUserSessions(ada.id)).toBe(1);
      expect(await accounts.sessionUser("s2", T0)).toBeNull();
    });

    it("ends a user's other sessions, keeping the one named", async () => {
      const { accounts } = stores.community;
      const ada = await newUser("ada@example.org");
      const bob = await newUser("bob@example.org");
      const later = "2025-09-13T10:00:00.000Z";
      for (const [tokenHash, userId] of [
        ["a1", ada.id],
        ["a2", ada.id],
        ["a3", ada.id],
        ["b1", bob.id],
      ] as const) {
        await accounts.createSession({ tokenHash, userId, createdAt: T0, expiresAt: later });
      }
      expect(await accounts.deleteUserSessions(ada.id, "a2")).toBe(2);
      expect((await accounts.sessionUser("a2", T0))?.id).toBe(ada.id);
      expect(await accounts.sessionUser("a1", T0)).toBeNull();
      expect(await accounts.sessionUser("a3", T0)).toBeNull();
      expect((await accounts.sessionUser("b1", T0))?.id).toBe(bob.id);
    });

    it("changes a password only if it and the asking session are unchanged, ending the other sessions", async () => {
      const { accounts } = stores.community;
      const ada = await newUser("ada@example.org");
      const bob = await newUser("bob@example.org");
      const later = "2025-09-13T10:00:00.000Z";
      for (const [tokenHash, userId] of [
        ["a1", ada.id],
        ["a2", ada.id],
        ["b1", bob.id],
      ] as const) {
        await accounts.createSession({ tokenHash, userId, createdAt: T0, expiresAt: later });
      }
      const change = { userId: ada.id, keepSession: "a1", at: T0 };
      const hashOf = async (userId: string) => (await accounts.userById(userId))?.passwordHash;
      // Checked against "no password yet" while another tab has set one: refused, nothing written.
      await accounts.setPasswordHash(ada.id, "scrypt$other-tab");
      expect(await accounts.changePasswordHash({ ...change, expected: null, passwordHash: "scrypt$1" })).toBe(
        false,
      );
      expect(await hashOf(ada.id)).toBe("scrypt$other-tab");
      expect((await accounts.sessionUser("a2", T0))?.id).toBe(ada.id);
      // Another user's session, or one expired, does not speak for this account.
      const bobs = { ...change, keepSession: "b1", expected: "scrypt$other-tab", passwordHash: "scrypt$1" };
      expect(await accounts.changePasswordHash(bobs)).toBe(false);
      const expired = { ...change, at: later, expected: "scrypt$other-tab", passwordHash: "scrypt$1" };
      expect(await accounts.changePasswordHash(expired)).toBe(false);
      expect(await hashOf(ada.id)).toBe("scrypt$other-tab");

      expect(
        await accounts.changePasswordHash({
          ...change,
          expected: "scrypt$other-tab",
          passwordHash: "scrypt$2",
        }),
      ).toBe(true);
      expect(await hashOf(ada.id)).toBe("scrypt$2");
      expect((await accounts.sessionUser("a1", T0))?.id).toBe(ada.id);
      expect(await accounts.sessionUser("a2", T0)).toBeNull();
      expect((await accounts.sessionUser("b1", T0))?.id).toBe(bob.id);
      expect(await hashOf(bob.id)).toBeNull();

      // A session signed out meanwhile cannot change it; with no session to keep, all of them end.
      await accounts.deleteSession("a1");
      expect(
        await accounts.changePasswordHash({ ...change, expected: "scrypt$2", passwordHash: "scrypt$3" }),
      ).toBe(false);
      await accounts.createSession({ tokenHash: "a4", userId: ada.id, createdAt: T0, expiresAt: later });
      expect(
        await accounts.changePasswordHash({
          ...change,
          keepSession: null,
          expected: "scrypt$2",
          passwordHash: "scrypt$3",
        }),
      ).toBe(true);
      expect(await hashOf(ada.id)).toBe("scrypt$3");
      expect(await accounts.sessionUser("a4", T0)).toBeNull();
      expect(
        await accounts.changePasswordHash({ ...change, userId: "nobody", expected: null, passwordHash: "x" }),
      ).toBe(false);
    });

    it("suspending a user ends their sessions; roles and passwords are kept per user", async () => {
      const { accounts } = stores.community;
      const ada = await newUser("ada@example.org");
      await accounts.createSession({
        tokenHash: "s",
        userId: ada.id,
        createdAt: T0,
        expiresAt: "2099-01-01T00:00:00Z",
      });
      await accounts.setRole(ada.id, "moderator");
      await accounts.setPasswordHash(ada.id, "scrypt$hash");
      await accounts.setSuspended(ada.id, T0);
      expect(await accounts.sessionUser("s", T0)).toBeNull();
      expect(await accounts.userById(ada.id)).toMatchObject({
        role: "moderator",
        passwordHash: "scrypt$hash",
        suspendedAt: T0,
      });
      await accounts.setSuspended(ada.id, null);
      expect((await accounts.userById(ada.id))?.suspendedAt).toBeNull();
    });

    it("gives a public name's key to one user at a time; clearing it frees the name", async () => {
      const { accounts } = stores.community;
      const ada = await newUser("ada@example.org");
      const bob = await newUser("bob@example.org");
      expect(await accounts.setPublicName(ada.id, { name: "Ada Lovelace", key: "adalovelace" })).toBe(true);
      expect(await accounts.setPublicName(bob.id, { name: "ada lovelace", key: "adalovelace" })).toBe(false);
      expect((await accounts.userById(bob.id))?.publicName).toBeNull();
      expect((await accounts.userById(ada.id))?.publicName).toBe("Ada Lovelace");
      // Setting one's own name again, or another spelling of it, is no conflict.
      expect(await accounts.setPublicName(ada.id, { name: "Ada lovelace", key: "adalovelace" })).toBe(true);
      expect(await accounts.setPublicName(ada.id, null)).toBe(true);
      expect((await accounts.userByEmail("ada@example.org"))?.publicName).toBeNull();
      expect(await accounts.setPublicName(bob.id, { name: "ada lovelace", key: "adalovelace" })).toBe(true);
      expect((await accounts.userById(bob.id))?.publicName).toBe("ada lovelace");
    });

    it("lists, uses and revokes API tokens per user", async () => {
      const { accounts } = stores.community;
      const ada = await newUser("ada@example.org");
      const bob = await newUser("bob@example.org");
      await accounts.createApiToken({
        id: "t1",
        userId: ada.id,
        name: "script",
        tokenHash: "th1",
        createdAt: T0,
      });
      expect(await accounts.apiTokens(ada.id)).toEqual([
        { id: "t1", userId: ada.id, name: "script", createdAt: T0, lastUsedAt: null },
      ]);
      expect((await accounts.apiTokenUser("th1", "2025-09-12T11:00:00.000Z"))?.id).toBe(ada.id);
      expect((await accounts.apiTokens(ada.id))[0]?.lastUsedAt).toBe("2025-09-12T11:00:00.000Z");
      expect(await accounts.revokeApiToken(bob.id, "t1")).toBe(false);
      expect(await accounts.revokeApiToken(ada.id, "t1")).toBe(true);
      expect(await accounts.apiTokenUser("th1", T0)).toBeNull();
    });

    it("adds the vote and the paper's count together, once per user, and takes them back", async () => {
      const { votes } = stores.community;
      const ada = await newUser("ada@example.org");
      expect(await votes.addVote(ada.id, "2509.00001", T0)).toEqual({ changed: true, upvotes: 8 });
      expect(await votes.addVote(ada.id, "2509.00001", T0)).toEqual({ changed: false, upvotes: 8 });
      expect((await stores.papers.getPaper("2509.00001"))?.upvotes).toBe(8);
      expect(await votes.votedAmong(ada.id, ["2509.00001", "2509.99999"])).toEqual(["2509.00001"]);
      expect(await votes.userVotes(ada.id, 10)).toEqual([{ paperId: "2509.00001", votedAt: T0 }]);
      expect(await votes.votesSince(T0)).toHaveLength(1);
      expect(await votes.votesSince("2025-09-12T10:00:00.001Z")).toHaveLength(0);
      expect(await votes.removeVote(ada.id, "2509.00001")).toEqual({ changed: true, upvotes: 7 });
      expect(await votes.removeVote(ada.id, "2509.00001")).toEqual({ changed: false, upvotes: 7 });
      expect(await votes.addVote(ada.id, "2509.99999", T0)).toBeNull();
      expect(await votes.votedAmong(ada.id, [])).toEqual([]);
    });

    it("counts every one of many parallel voters once, however often each one clicks", async () => {
      const { votes } = stores.community;
      const voters = await Promise.all(
        Array.from({ length: 20 }, (_, index) => newUser(`voter${index}@example.org`)),
      );
      const results = await Promise.all(
        voters.flatMap((voter) => [1, 2, 3].map(() => votes.addVote(voter.id, "2509.00001", T0))),
      );
      expect(
        results.filter((result) => result !== null && result !== "hidden" && result.changed),
      ).toHaveLength(20);
      expect((await stores.papers.getPaper("2509.00001"))?.upvotes).toBe(27);
      const removals = await Promise.all(
        voters.slice(0, 10).flatMap((voter) => [1, 2].map(() => votes.removeVote(voter.id, "2509.00001"))),
      );
      expect(removals.filter((result) => result?.changed)).toHaveLength(10);
      expect((await stores.papers.getPaper("2509.00001"))?.upvotes).toBe(17);
      expect(await votes.votesSince(T0)).toHaveLength(10);
    });

    it("keeps community votes when the paper is read again from a source", async () => {
      const { votes } = stores.community;
      const ada = await newUser("ada@example.org");
      await votes.addVote(ada.id, "2509.00001", T0);
      await stores.papers.upsertPapers([makePaperInput({ id: "2509.00001", upvotes: 7, title: "Retitled" })]);
      expect((await stores.papers.getPaper("2509.00001"))?.upvotes).toBe(8);
    });

    it("records a paper's submission once and lists it on that day, unless it is listed earlier", async () => {
      const { submissions } = stores.community;
      const ada = await newUser("ada@example.org");
      const bob = await newUser("bob@example.org");
      await stores.papers.upsertPapers([makePaperInput({ id: "2509.00002", listingDay: null })]);
      const submission = {
        id: "s1",
        userId: ada.id,
        paperId: "2509.00002",
        day: "2025-09-12",
        submittedAt: T0,
      };
      expect(await submissions.recordSubmission(submission)).toBe(true);
      expect(await submissions.recordSubmission({ ...submission, id: "s2", userId: bob.id })).toBe(false);
      expect(await submissions.submissionOf("2509.00002")).toEqual(submission);
      expect((await stores.papers.getPaper("2509.00002"))?.day).toBe("2025-09-12");
      expect(await submissions.countUserSubmissionsSince(ada.id, T0)).toBe(1);
      expect(await submissions.countUserSubmissionsSince(ada.id, "2025-09-12T10:00:00.001Z")).toBe(0);
      expect(await submissions.countUserSubmissionsSince(bob.id, T0)).toBe(0);
      expect(await submissions.userSubmissions(ada.id, 10)).toEqual([submission]);

      await submissions.recordSubmission({
        ...submission,
        id: "s3",
        paperId: "2509.00001",
        day: "2025-09-30",
      });
      expect((await stores.papers.getPaper("2509.00001"))?.day).toBe("2025-09-11");
      expect(await submissions.submissionOf("2509.99999")).toBeNull();
    });

    it("keeps comments in order with their state, counts visible ones, and logs moderation", async () => {
      const { comments } = stores.community;
      const ada = await newUser("ada@example.org");
      const base = { paperId: "2509.00001", userId: ada.id, createdAt: T0 };
      await comments.addComment({ ...base, id: "c1", parentId: null, body: "first" });
      await comments.addComment({ ...base, id: "c2", parentId: "c1", body: "reply" });
      await comments.addComment({ ...base, id: "c3", parentId: null, body: "third" });
      expect((await comments.paperComments("2509.00001")).map((c) => c.id)).toEqual(["c1", "c2", "c3"]);
      await comments.editComment("c1", "first, edited", T0);
      await comments.deleteComment("c3", T0);
      const audit = {
        id: "a1",
        actorId: ada.id,
        action: "comment.hide",
        targetType: "comment" as const,
        targetId: "c2",
        reason: "r",
        at: T0,
      };
      await comments.setCommentHidden("c2", T0, audit);
      expect(await comments.commentById("c1")).toMatchObject({
        body: "first, edited",
        editedAt: T0,
        authorName: null,
        authorRole: "user",
      });
      expect(await comments.commentById("c3")).toMatchObject({ body: "", deletedAt: T0 });
      expect(await comments.countVisible(["2509.00001", "2509.99999"])).toEqual([
        { paperId: "2509.00001", comments: 1 },
      ]);
      expect(await comments.recentAudit(10)).toEqual([{ ...audit, actorEmail: "ada@example.org" }]);
      expect(await comments.countVisible([])).toEqual([]);
    });

    it("gives a user everything they wrote, deleted and hidden comments included, oldest first", async () => {
      const { comments } = stores.community;
      const ada = await newUser("ada@example.org");
      const bob = await newUser("bob@example.org");
      const later = "2025-09-12T11:00:00.000Z";
      await comments.addComment({
        id: "a2",
        paperId: "2509.00001",
        userId: ada.id,
        parentId: null,
        body: "second",
        createdAt: later,
      });
      await comments.addComment({
        id: "a1",
        paperId: "2509.00001",
        userId: ada.id,
        parentId: null,
        body: "first",
        createdAt: T0,
      });
      await comments.addComment({
        id: "b1",
        paperId: "2509.00001",
        userId: bob.id,
        parentId: "a1",
        body: "bob's",
        createdAt: T0,
      });
      await comments.deleteComment("a2", later);
      const written = await comments.userComments(ada.id);
      expect(written.map((comment) => [comment.id, comment.body, comment.deletedAt])).toEqual([
        ["a1", "first", null],
        ["a2", "", later],
      ]);
      expect(await comments.userComments("nobody")).toEqual([]);
    });

    it("keeps collections per user with items, read marks, notes and a search within saved papers", async () => {
      const { collections } = stores.community;
      const ada = await newUser("ada@example.org");
      await stores.papers.upsertPapers([makePaperInput({ id: "2509.00003", title: "Diffusion everywhere" })]);
      await collections.createCollection({
        id: "k1",
        userId: ada.id,
        name: "List",
        public: false,
        createdAt: T0,
      });
      expect(await collections.addItem("k1", "2509.00003", T0)).toBe(true);
      expect(await collections.addItem("k1", "2509.00003", T0)).toBe(false);
      expect(await collections.addItem("k1", "2509.00001", T0)).toBe(true);
      expect(await collections.changeItem("k1", "2509.00003", { kind: "read", at: T0 })).toBe(true);
      expect(await collections.changeItem("k1", "2509.00003", { kind: "note", note: "n" })).toBe(true);
      expect(await collections.changeItem("k1", "2509.00001", { kind: "remove" })).toBe(true);
      expect(await collections.changeItem("k1", "2509.00001", { kind: "remove" })).toBe(false);
      expect(await collections.items("k1")).toEqual([
        { paperId: "2509.00003", addedAt: T0, readAt: T0, note: "n", hidden: false },
      ]);
      expect(await collections.newestPublicCollectionId()).toBeNull();
      await collections.setPublic("k1", true);
      expect(await collections.newestPublicCollectionId()).toBe("k1");
      expect(await collections.collectionById("k1")).toMatchObject({
        public: true,
        papers: 1,
        hiddenPapers: 0,
        name: "List",
      });
      expect((await collections.userCollections(ada.id)).map((c) => c.id)).toEqual(["k1"]);
      const query = parseSearchQuery("diffusion");
      expect(await collections.searchSaved(ada.id, query, 10)).toEqual(["2509.00003"]);
      expect(await collections.searchSaved("someone-else", query, 10)).toEqual([]);
    });

    it("renames and deletes a collection with its entries for its owner only", async () => {
      const { collections } = stores.community;
      const ada = await newUser("ada@example.org");
      const bob = await newUser("bob@example.org");
      await stores.papers.upsertPapers([makePaperInput({ id: "2509.00003", title: "Diffusion everywhere" })]);
      for (const [id, userId] of [
        ["k-ada", ada.id],
        ["k-bob", bob.id],
      ] as const) {
        await collections.createCollection({ id, userId, name: "Old", public: true, createdAt: T0 });
        await collections.addItem(id, "2509.00003", T0);
      }
      await collections.changeItem("k-ada", "2509.00003", { kind: "note", note: "n" });

      await collections.renameCollection("k-ada", bob.id, "Taken over");
      expect(await collections.collectionById("k-ada")).toMatchObject({ name: "Old" });
      await collections.renameCollection("k-ada", ada.id, "New");
      expect(await collections.collectionById("k-ada")).toMatchObject({
        name: "New",
        papers: 1,
        public: true,
      });
      expect(await collections.items("k-ada")).toEqual([
        { paperId: "2509.00003", addedAt: T0, readAt: null, note: "n", hidden: false },
      ]);

      expect(await collections.deleteCollection("k-ada", bob.id)).toBe(false);
      expect(await collections.collectionById("k-ada")).not.toBeNull();
      expect(await collections.deleteCollection("k-ada", ada.id)).toBe(true);
      expect(await collections.deleteCollection("k-ada", ada.id)).toBe(false);
      expect(await collections.collectionById("k-ada")).toBeNull();
      expect(await collections.items("k-ada")).toEqual([]);
      expect(await collections.userCollections(ada.id)).toEqual([]);
      expect(await collections.searchSaved(ada.id, parseSearchQuery("diffusion"), 10)).toEqual([]);
      // The same paper in another member's collection stays there.
      expect((await collections.items("k-bob")).map((item) => item.paperId)).toEqual(["2509.00003"]);
      expect(await collections.collectionById("k-bob")).toMatchObject({ name: "Old", papers: 1 });
    });

    it("marks collection entries whose paper moderators hid, counts them apart and leaves them out of saved search", async () => {
      const { collections, moderation } = stores.community;
      const ada = await newUser("ada@example.org", "admin");
      await stores.papers.upsertPapers([
        makePaperInput({ id: "2509.00002", title: "Diffusion hidden" }),
        makePaperInput({ id: "2509.00003", title: "Diffusion listed" }),
      ]);
      await collections.createCollection({
        id: "k1",
        userId: ada.id,
        name: "L",
        public: true,
        createdAt: T0,
      });
      await collections.createCollection({
        id: "k2",
        userId: ada.id,
        name: "E",
        public: true,
        createdAt: T1,
      });
      await collections.addItem("k1", "2509.00002", T0);
      await collections.addItem("k1", "2509.00003", T1);
      const audit = {
        id: "h1",
        actorId: ada.id,
        action: "paper.hide",
        targetType: "paper" as const,
        targetId: "2509.00002",
        reason: "spam",
        at: T1,
      };
      expect(await moderation.setPaperHidden("2509.00002", T1, audit)).toBe(true);

      expect(await collections.items("k1")).toEqual([
        { paperId: "2509.00003", addedAt: T1, readAt: null, note: "", hidden: false },
        { paperId: "2509.00002", addedAt: T0, readAt: null, note: "", hidden: true },
      ]);
      expect(await collections.collectionById("k1")).toMatchObject({ papers: 1, hiddenPapers: 1 });
      expect(
        (await collections.userCollections(ada.id)).map((c) => [c.id, c.papers, c.hiddenPapers]),
      ).toEqual([
        ["k1", 1, 1],
        ["k2", 0, 0],
      ]);
      expect(await collections.searchSaved(ada.id, parseSearchQuery("diffusion"), 10)).toEqual([
        "2509.00003",
      ]);
      // The newest public collection with papers: the newer k2 is empty.
      expect(await collections.newestPublicCollectionId()).toBe("k1");

      expect(await moderation.setPaperHidden("2509.00002", null, { ...audit, id: "h2" })).toBe(true);
      expect(await collections.collectionById("k1")).toMatchObject({ papers: 2, hiddenPapers: 0 });
      expect((await collections.items("k1")).map((item) => item.hidden)).toEqual([false, false]);
    });

    it("hides a paper from lists, search and results until it is shown again, logging each change", async () => {
      const { moderation, comments } = stores.community;
      const ada = await newUser("ada@example.org", "admin");
      await stores.papers.upsertPapers([makePaperInput({ id: "2509.00002", title: "Diffusion hidden" })]);
      const entry = (id: string, action: string, at: string) => ({
        id,
        actorId: ada.id,
        action,
        targetType: "paper" as const,
        targetId: "2509.00002",
        reason: "spam",
        at,
      });
      const day = { from: "2025-09-11", to: "2025-09-11", sort: "upvotes" as const, limit: 10, offset: 0 };
      const listed = async () => (await stores.papers.listPapers(day)).papers.map((paper) => paper.id);
      const found = async (words: string) =>
        (await stores.papers.search({ query: parseSearchQuery(words), limit: 10, offset: 0 })).hits.map(
          (hit) => hit.paper.id,
        );
      expect(await listed()).toContain("2509.00002");

      expect(await moderation.setPaperHidden("2509.00002", T0, entry("a1", "paper.hide", T0))).toBe(true);
      expect(await moderation.setPaperHidden("2509.00002", T1, entry("a2", "paper.hide", T1))).toBe(true);
      expect(await listed()).toEqual(["2509.00001"]);
      expect((await stores.papers.listPapers(day)).total).toBe(1);
      expect(await found("diffusion hidden")).toEqual([]);
      // The hybrid path ranks ids without rows: it leaves the hidden paper out too.
      expect((await stores.papers.rankMatches(parseSearchQuery("diffusion hidden"), 10)).matches).toEqual([]);
      expect((await stores.papers.searchMonthCounts(parseSearchQuery("diffusion hidden"))).months).toEqual(
        [],
      );
      expect(await found("cat:cs.LG")).toEqual(["2509.00001"]);
      expect((await stores.papers.getPapers(["2509.00002", "2509.00001"])).map((paper) => paper.id)).toEqual([
        "2509.00001",
      ]);
      expect([...(await stores.papers.titlesOf(["2509.00002", "2509.00001"])).keys()]).toEqual([
        "2509.00001",
      ]);
      expect((await stores.papers.getPaper("2509.00002"))?.title).toBe("Diffusion hidden");
      expect(await moderation.hiddenAmong(["2509.00001", "2509.00002"])).toEqual(["2509.00002"]);
      expect(await moderation.mergedInto("2509.00002")).toBeNull();

      const voter = await newUser("voter@example.org");
      expect(await stores.community.votes.addVote(voter.id, "2509.00002", T1)).toBe("hidden");
      expect(await moderation.setPaperHidden("2509.00002", null, entry("a3", "paper.show", T1))).toBe(true);
      expect(await stores.community.votes.addVote(voter.id, "2509.00002", T1)).toMatchObject({
        changed: true,
      });
      expect(await found("diffusion hidden")).toEqual(["2509.00002"]);
      expect(await moderation.hiddenAmong(["2509.00002"])).toEqual([]);
      expect(await moderation.setPaperHidden("2509.99999", T0, entry("a4", "paper.hide", T0))).toBe(false);
      expect((await comments.recentAudit(10)).map((row) => row.id)).toEqual(["a3", "a2", "a1"]);
    });

    it("takes no new vote for a hidden paper, and lets a vote cast before be taken back", async () => {
      const { moderation, votes } = stores.community;
      const ada = await newUser("ada@example.org", "admin");
      const bob = await newUser("bob@example.org");
      await votes.addVote(ada.id, "2509.00001", T0);
      await moderation.setPaperHidden("2509.00001", T1, {
        id: "a1",
        actorId: ada.id,
        action: "paper.hide",
        targetType: "paper",
        targetId: "2509.00001",
        reason: "off topic",
        at: T1,
      });
      expect(await votes.addVote(bob.id, "2509.00001", T1)).toBe("hidden");
      expect(await votes.addVote(ada.id, "2509.00001", T1)).toBe("hidden");
      expect(await votes.votesSince(T0)).toEqual([{ paperId: "2509.00001", votedAt: T0 }]);
      expect(await votes.removeVote(ada.id, "2509.00001")).toEqual({ changed: true, upvotes: 7 });
    });

    it("leaves a hidden paper out of every page of a list and out of its total", async () => {
      const ada = await newUser("ada@example.org", "admin");
      await stores.papers.upsertPapers([
        makePaperInput({ id: "2509.00002", upvotes: 5 }),
        makePaperInput({ id: "2509.00003", upvotes: 3 }),
      ]);
      await stores.community.moderation.setPaperHidden("2509.00002", T0, {
        id: "a1",
        actorId: ada.id,
        action: "paper.hide",
        targetType: "paper",
        targetId: "2509.00002",
        reason: "spam",
        at: T0,
      });
      for (const sort of ["upvotes", "date"] as const) {
        const pages = await Promise.all(
          [0, 1, 2].map((offset) =>
            stores.papers.listPapers({ from: "2025-09-01", to: "2025-09-30", sort, limit: 1, offset }),
          ),
        );
        expect(pages.map((page) => page.total)).toEqual([2, 2, 2]);
        expect(pages.map((page) => page.papers.map((paper) => paper.id))).toEqual(
          sort === "upvotes" ? [["2509.00001"], ["2509.00003"], []] : [["2509.00003"], ["2509.00001"], []],
        );
      }
    });

    it("merges a duplicate: its votes move to the kept paper once per user, and it leaves the lists", async () => {
      const { moderation, votes, comments } = stores.community;
      const ada = await newUser("ada@example.org", "admin");
      const bob = await newUser("bob@example.org");
      const cy = await newUser("cy@example.org");
      await stores.papers.upsertPapers([makePaperInput({ id: "2509.00002", upvotes: 3 })]);
      await votes.addVote(ada.id, "2509.00001", T0);
      for (const voter of [ada, bob, cy]) await votes.addVote(voter.id, "2509.00002", T1);
      const audit = {
        id: "m1",
        actorId: ada.id,
        action: "paper.merge",
        targetType: "paper" as const,
        targetId: "2509.00002",
        reason: "same paper",
        at: T1,
      };

      expect(await moderation.mergePapers("2509.00002", "2509.00001", audit)).toEqual({
        votesMoved: 2,
        upvotes: 10,
        collectionEntriesMoved: 0,
        commentsMoved: 0,
      });
      expect((await stores.papers.getPaper("2509.00001"))?.upvotes).toBe(10);
      expect((await stores.papers.getPaper("2509.00002"))?.upvotes).toBe(3);
      expect(await votes.votedAmong(bob.id, ["2509.00001", "2509.00002"])).toEqual(["2509.00001"]);
      expect(await votes.votedAmong(ada.id, ["2509.00001", "2509.00002"])).toEqual(["2509.00001"]);
      expect(await moderation.hiddenAmong(["2509.00002"])).toEqual(["2509.00002"]);
      expect(await moderation.mergedInto("2509.00002")).toBe("2509.00001");
      expect(await moderation.mergedInto("2509.00001")).toBeNull();
      expect((await comments.recentAudit(10)).map((row) => row.action)).toEqual(["paper.merge"]);
      // The duplicate takes no new votes; one left on it could still be taken back.
      expect(await votes.addVote(bob.id, "2509.00002", T1)).toBe("hidden");
      expect((await stores.papers.getPaper("2509.00002"))?.upvotes).toBe(3);
      expect(await votes.votedAmong(bob.id, ["2509.00002"])).toEqual([]);

      expect(await moderation.mergePapers("2509.00001", "2509.00001", { ...audit, id: "m2" })).toBeNull();
      expect(await moderation.mergePapers("2509.99999", "2509.00001", { ...audit, id: "m3" })).toBeNull();
      expect((await comments.recentAudit(10)).map((row) => row.id)).toEqual(["m1"]);
    });

    it("merges into no hidden paper: not a merged duplicate (both would vanish), not one moderators hid", async () => {
      const { moderation, votes, comments } = stores.community;
      const ada = await newUser("ada@example.org", "admin");
      await stores.papers.upsertPapers([
        makePaperInput({ id: "2509.00002" }),
        makePaperInput({ id: "2509.00003" }),
      ]);
      await votes.addVote(ada.id, "2509.00002", T0);
      const audit = (id: string) => ({
        id,
        actorId: ada.id,
        action: "paper.merge",
        targetType: "paper" as const,
        targetId: id,
        reason: "",
        at: T1,
      });
      expect(await moderation.mergePapers("2509.00002", "2509.00001", audit("m1"))).toMatchObject({
        votesMoved: 1,
      });

      expect(await moderation.mergePapers("2509.00001", "2509.00002", audit("m2"))).toBe("kept-hidden");
      expect(await moderation.hiddenAmong(["2509.00001", "2509.00002"])).toEqual(["2509.00002"]);
      expect(await votes.votedAmong(ada.id, ["2509.00001"])).toEqual(["2509.00001"]);
      expect(await moderation.mergedInto("2509.00002")).toBe("2509.00001");

      await moderation.setPaperHidden("2509.00003", T1, { ...audit("h1"), action: "paper.hide" });
      expect(await moderation.mergePapers("2509.00001", "2509.00003", audit("m3"))).toBe("kept-hidden");
      expect(await moderation.hiddenAmong(["2509.00001"])).toEqual([]);
      expect((await comments.recentAudit(10)).map((row) => row.id).sort()).toEqual(["h1", "m1"]);
    });

    it("merges a duplicate's collection entries and comment threads into the kept paper", async () => {
      const { moderation, collections, comments } = stores.community;
      const ada = await newUser("ada@example.org", "admin");
      const bob = await newUser("bob@example.org");
      await stores.papers.upsertPapers([makePaperInput({ id: "2509.00002" })]);
      const list = (id: string, userId: string) =>
        collections.createCollection({ id, userId, name: id, public: false, createdAt: T0 });
      await list("both", ada.id);
      await list("only-duplicate", bob.id);
      await list("same-note", bob.id);
      await collections.addItem("both", "2509.00001", T1);
      await collections.changeItem("both", "2509.00001", { kind: "note", note: "kept's note" });
      await collections.addItem("both", "2509.00002", T0);
      await collections.changeItem("both", "2509.00002", { kind: "note", note: "duplicate's note" });
      await collections.changeItem("both", "2509.00002", { kind: "read", at: T1 });
      await collections.addItem("only-duplicate", "2509.00002", T0);
      await collections.changeItem("only-duplicate", "2509.00002", { kind: "note", note: "mine" });
      await collections.addItem("same-note", "2509.00001", T0);
      await collections.changeItem("same-note", "2509.00001", { kind: "note", note: "same" });
      await collections.addItem("same-note", "2509.00002", T1);
      await collections.changeItem("same-note", "2509.00002", { kind: "note", note: "same" });
      const base = { paperId: "2509.00002", userId: bob.id, createdAt: T0 };
      await comments.addComment({ ...base, id: "d1", parentId: null, body: "on the duplicate" });
      await comments.addComment({ ...base, id: "d2", parentId: "d1", body: "a reply" });
      await comments.addComment({
        ...base,
        paperId: "2509.00001",
        id: "k1",
        parentId: null,
        body: "on the kept",
      });

      const merged = await moderation.mergePapers("2509.00002", "2509.00001", {
        id: "m1",
        actorId: ada.id,
        action: "paper.merge",
        targetType: "paper",
        targetId: "2509.00002",
        reason: "same paper",
        at: T1,
      });

      expect(merged).toMatchObject({ collectionEntriesMoved: 3, commentsMoved: 2 });
      expect(await collections.items("both")).toEqual([
        {
          paperId: "2509.00001",
          addedAt: T0,
          readAt: T1,
          note: "kept's note\n\nduplicate's note",
          hidden: false,
        },
      ]);
      expect(await collections.items("only-duplicate")).toEqual([
        { paperId: "2509.00001", addedAt: T0, readAt: null, note: "mine", hidden: false },
      ]);
      expect(await collections.items("same-note")).toEqual([
        { paperId: "2509.00001", addedAt: T0, readAt: null, note: "same", hidden: false },
      ]);
      expect((await comments.paperComments("2509.00001")).map((c) => [c.id, c.parentId])).toEqual([
        ["d1", null],
        ["d2", "d1"],
        ["k1", null],
      ]);
      expect(await comments.paperComments("2509.00002")).toEqual([]);
    });

    it("deletes an account with what is only its own, lowers its voted papers' counts and erases its comments in place", async () => {
      const { accounts, votes, comments, collections, submissions } = stores.community;
      const { digests } = stores.digest;
      await stores.papers.upsertPapers([makePaperInput({ id: "2509.00002", upvotes: 3 })]);
      const ada = await newUser("ada@example.org");
      const bob = await newUser("bob@example.org");
      const later = "2025-09-13T10:00:00.000Z";
      await accounts.createSession({ tokenHash: "ada-s", userId: ada.id, createdAt: T0, expiresAt: later });
      await accounts.createSession({ tokenHash: "bob-s", userId: bob.id, createdAt: T0, expiresAt: later });
      await accounts.createApiToken({
        id: "t1",
        userId: ada.id,
        name: "cli",
        tokenHash: "ada-t",
        createdAt: T0,
      });
      await accounts.saveLoginToken({ tokenHash: "ada-l", email: ada.email, expiresAt: later });
      await accounts.saveLoginToken({ tokenHash: "bob-l", email: bob.email, expiresAt: later });
      await accounts.setPasswordHash(ada.id, "scrypt$hash");
      await votes.addVote(ada.id, "2509.00001", T0);
      await votes.addVote(ada.id, "2509.00002", T0);
      await votes.addVote(bob.id, "2509.00001", T0);
      const base = { paperId: "2509.00001", createdAt: T0 };
      await comments.addComment({ ...base, id: "c1", userId: ada.id, parentId: null, body: "ada's" });
      await comments.addComment({ ...base, id: "c2", userId: bob.id, parentId: "c1", body: "bob's reply" });
      await comments.addComment({ ...base, id: "c3", userId: ada.id, parentId: null, body: "gone already" });
      await comments.deleteComment("c3", T0);
      const audit = { actorId: ada.id, action: "comment.hide", targetType: "comment" as const, reason: "r" };
      await comments.recordAudit({ ...audit, id: "a1", targetId: "c2", at: T0 });
      for (const [id, isPublic] of [
        ["k-public", true],
        ["k-private", false],
      ] as const) {
        await collections.createCollection({ id, userId: ada.id, name: id, public: isPublic, createdAt: T0 });
        await collections.addItem(id, "2509.00001", T0);
      }
      await submissions.recordSubmission({
        id: "s1",
        userId: ada.id,
        paperId: "2509.00002",
        day: "2025-09-12",
        submittedAt: T0,
      });
      // Subscribed by address before the account existed: the address is the account's, so it goes too.
      const subscription = await digests.ensureSubscriber({
        id: "sub-ada",
        email: ada.email,
        userId: null,
        createdAt: T0,
        ...DEFAULT_SETTINGS,
      });
      await digests.saveFeedback(subscription.id, "2509.00001", 1, T0);
      await digests.prepareDelivery({
        subscriberId: subscription.id,
        periodKey: "daily:2025-09-12",
        runId: "run-1",
        digest: { to: ada.email, kind: "trending", frequency: "daily", coverage: "2025-09-12", picks: [] },
        papers: 0,
        preparedAt: T0,
        coveredThrough: "2025-09-11",
      });
      await digests.ensureSubscriber({
        id: "sub-bob",
        email: bob.email,
        userId: bob.id,
        createdAt: T0,
        ...DEFAULT_SETTINGS,
      });
      expect((await stores.papers.getPaper("2509.00001"))?.upvotes).toBe(9);

      expect(await accounts.deleteUser(ada.id, T1)).toBe("deleted");

      expect(await accounts.userById(ada.id)).toBeNull();
      expect(await accounts.userByEmail(ada.email)).toBeNull();
      expect(await accounts.sessionUser("ada-s", T0)).toBeNull();
      expect(await accounts.apiTokenUser("ada-t", T0)).toBeNull();
      expect(await accounts.consumeLoginToken("ada-l", T0)).toBeNull();
      expect((await stores.papers.getPaper("2509.00001"))?.upvotes).toBe(8);
      expect((await stores.papers.getPaper("2509.00002"))?.upvotes).toBe(3);
      expect(await votes.userVotes(ada.id, 10)).toEqual([]);
      expect(await votes.votedAmong(bob.id, ["2509.00001"])).toEqual(["2509.00001"]);
      expect(await comments.commentById("c1")).toMatchObject({
        userId: null,
        authorName: null,
        authorRole: null,
        body: "",
        deletedAt: T1,
      });
      expect(await comments.commentById("c3")).toMatchObject({ userId: null, deletedAt: T0 });
      expect(await comments.commentById("c2")).toMatchObject({
        parentId: "c1",
        body: "bob's reply",
        userId: bob.id,
      });
      expect(await comments.userComments(ada.id)).toEqual([]);
      expect(await comments.recentAudit(10)).toEqual([
        { ...audit, id: "a1", targetId: "c2", at: T0, actorId: null, actorEmail: null },
      ]);
      expect(await collections.collectionById("k-public")).toBeNull();
      expect(await collections.collectionById("k-private")).toBeNull();
      expect(await collections.newestPublicCollectionId()).toBeNull();
      expect(await submissions.submissionOf("2509.00002")).toBeNull();
      expect(await digests.subscriberByEmail(ada.email)).toBeNull();
      expect(await digests.delivery("sub-ada", "daily:2025-09-12")).toBeNull();
      expect(await digests.feedback("sub-ada")).toEqual([]);

      // Bob's things are untouched, and the address may make a fresh account.
      expect((await accounts.sessionUser("bob-s", T0))?.id).toBe(bob.id);
      expect(await accounts.consumeLoginToken("bob-l", T0)).toBe(bob.email);
      expect((await digests.subscriberByUser(bob.id))?.id).toBe("sub-bob");
      const again = await accounts.ensureUser({ id: "ada-2", email: ada.email, role: "user", createdAt: T1 });
      expect(again).toMatchObject({ id: "ada-2", passwordHash: null });
      expect(await accounts.deleteUser(ada.id, T1)).toBe("not_found");
    });

    it("takes back a deleted member's votes on hidden papers too, and from the trending window", async () => {
      const { accounts, votes, moderation } = stores.community;
      await stores.papers.upsertPapers([makePaperInput({ id: "2509.00002", upvotes: 3 })]);
      const ada = await newUser("ada@example.org");
      const bob = await newUser("bob@example.org");
      const mod = await newUser("mod@example.org", "admin");
      await votes.addVote(ada.id, "2509.00002", T0);
      await votes.addVote(bob.id, "2509.00002", T1);
      await votes.addVote(ada.id, "2509.00001", T1);
      const hide = { actorId: mod.id, action: "paper.hide", targetType: "paper" as const, reason: "spam" };
      await moderation.setPaperHidden("2509.00002", T0, {
        ...hide,
        id: "a1",
        targetId: "2509.00002",
        at: T0,
      });
      const before = (await stores.papers.getPaper("2509.00001"))?.upvotes ?? 0;

      expect(await accounts.deleteUser(ada.id, T1)).toBe("deleted");

      // Hidden or not, a paper's count is its baseline plus its votes: ada's goes, bob's stays.
      expect((await stores.papers.getPaper("2509.00002"))?.upvotes).toBe(4);
      expect((await stores.papers.getPaper("2509.00001"))?.upvotes).toBe(before - 1);
      expect(await moderation.hiddenAmong(["2509.00002"])).toEqual(["2509.00002"]);
      expect(await votes.votesSince(T0)).toEqual([{ paperId: "2509.00002", votedAt: T1 }]);
    });

    it("deletes nothing for a session signed out or an account suspended while the request was on its way", async () => {
      const { accounts } = stores.community;
      const ada = await newUser("ada@example.org");
      const bob = await newUser("bob@example.org");
      const later = "2025-09-14T10:00:00.000Z";
      for (const [tokenHash, userId] of [
        ["ada-1", ada.id],
        ["ada-2", ada.id],
        ["bob-1", bob.id],
      ] as const) {
        await accounts.createSession({ tokenHash, userId, createdAt: T0, expiresAt: later });
      }
      await accounts.deleteSession("ada-1");
      expect(await accounts.deleteUser(ada.id, T1, "ada-1")).toBe("signed_out");
      expect(await accounts.deleteUser(ada.id, T1, "bob-1")).toBe("signed_out");
      expect(await accounts.deleteUser(ada.id, later, "ada-2")).toBe("signed_out");
      expect(await accounts.userById(ada.id)).not.toBeNull();
      await accounts.setSuspended(bob.id, T1);
      await accounts.createSession({ tokenHash: "bob-2", userId: bob.id, createdAt: T1, expiresAt: later });
      expect(await accounts.deleteUser(bob.id, T1, "bob-2")).toBe("signed_out");
      expect(await accounts.userById(bob.id)).not.toBeNull();

      expect(await accounts.deleteUser(ada.id, T1, "ada-2")).toBe("deleted");
      expect(await accounts.userById(ada.id)).toBeNull();
    });

    it("never deletes the last admin in good standing", async () => {
      const { accounts } = stores.community;
      const root = await newUser("root@example.org", "admin");
      const second = await newUser("second@example.org", "admin");
      await accounts.setSuspended(second.id, T0);
      expect(await accounts.deleteUser(root.id, T1)).toBe("last_admin");
      expect(await accounts.userById(root.id)).not.toBeNull();
      await accounts.setSuspended(second.id, null);
      expect(await accounts.deleteUser(root.id, T1)).toBe("deleted");
      expect(await accounts.deleteUser(second.id, T1)).toBe("last_admin");
    });

    it("never takes the admin role from the last admin in good standing", async () => {
      const { accounts } = stores.community;
      const root = await newUser("root@example.org", "admin");
      const second = await newUser("second@example.org", "admin");
      await accounts.setSuspended(second.id, T0);
      expect(await accounts.setRole(root.id, "user")).toBe("last_admin");
      expect(await accounts.setRole(root.id, "moderator")).toBe("last_admin");
      expect((await accounts.userById(root.id))?.role).toBe("admin");
      // Keeping the role, or taking it from a suspended admin, leaves the instance its admin.
      expect(await accounts.setRole(root.id, "admin")).toBe("changed");
      expect(await accounts.setRole(second.id, "user")).toBe("changed");
      await accounts.setRole(second.id, "admin");
      await accounts.setSuspended(second.id, null);
      expect(await accounts.setRole(root.id, "user")).toBe("changed");
      expect((await accounts.userById(root.id))?.role).toBe("user");
      expect(await accounts.setRole(second.id, "moderator")).toBe("last_admin");
      expect(await accounts.setRole("nobody", "user")).toBe("not_found");
    });

    it("of two admins demoting each other at once, one stays admin", async () => {
      const { accounts } = stores.community;
      const first = await newUser("first@example.org", "admin");
      const second = await newUser("second@example.org", "admin");
      const outcomes = await Promise.all([
        accounts.setRole(first.id, "user"),
        accounts.setRole(second.id, "user"),
      ]);
      expect(outcomes.sort()).toEqual(["changed", "last_admin"]);
      const roles = [(await accounts.userById(first.id))?.role, (await accounts.userById(second.id))?.role];
      expect(roles.sort()).toEqual(["admin", "user"]);
    });

    it("of two admins deleting themselves at once, one stays", async () => {
      const { accounts } = stores.community;
      const first = await newUser("first@example.org", "admin");
      const second = await newUser("second@example.org", "admin");
      const outcomes = await Promise.all([
        accounts.deleteUser(first.id, T1),
        accounts.deleteUser(second.id, T1),
      ]);
      expect(outcomes.sort()).toEqual(["deleted", "last_admin"]);
    });
  });
}
