import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { UserDataExport } from "../../../src/community/data-export.js";
import { makePaperInput } from "../../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "../build-app.js";
import { type BrowserSession, csrfTokenIn, signIn } from "./browser-session.js";

describe("a person's data export", () => {
  let t: CommunityTestApp;
  beforeEach(async () => {
    t = await buildCommunityTestApp(
      [makePaperInput({ id: "2509.00001" }), makePaperInput({ id: "2509.00002" })],
      { community: { now: () => new Date("2025-09-12T10:00:00.000Z"), limits: { votesPerMinute: 0 } } },
    );
  });
  afterEach(() => t.close());

  async function csrf(browser: BrowserSession) {
    return csrfTokenIn((await browser.get("/me")).body);
  }

  it("holds the account, votes, submissions, comments and collections, and nobody else's", async () => {
    const ada = await signIn(t, "ada@example.org");
    const bob = await signIn(t, "bob@example.org");
    await ada.api("POST", "/api/papers/2509.00001/vote", { "x-csrf-token": await csrf(ada) });
    await bob.api("POST", "/api/papers/2509.00002/vote", { "x-csrf-token": await csrf(bob) });
    const commented = await ada.post("/papers/2509.00001/comments", {
      body: "Nice *result*",
      _csrf: await csrf(ada),
    });
    expect(commented.statusCode).toBe(303);
    await bob.post("/papers/2509.00001/comments", { body: "Bob's comment", _csrf: await csrf(bob) });
    const created = await ada.post("/collections", { name: "To read", _csrf: await csrf(ada) });
    const collectionId = String(created.headers.location).replace("/collections/", "");
    await ada.post(`/collections/${collectionId}/items`, {
      paper: "2509.00002",
      action: "add",
      _csrf: await csrf(ada),
    });
    await ada.post(`/collections/${collectionId}/items`, {
      paper: "2509.00002",
      action: "note",
      note: "section 3",
      _csrf: await csrf(ada),
    });
    const adaUser = await t.community.accounts.userByEmail("ada@example.org");
    await t.community.submissions.recordSubmission({
      id: "s1",
      userId: adaUser!.id,
      paperId: "2509.00002",
      day: "2025-09-12",
      submittedAt: "2025-09-12T09:00:00.000Z",
    });

    const profile = (await ada.get("/me")).body;
    expect(profile).toContain('href="/me/export.json"');
    const response = await ada.get("/me/export.json");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="paperpulse-data.json"');
    expect(response.headers["cache-control"]).toBe("no-store");
    const data = response.json() as UserDataExport;
    expect(data.exportedAt).toBe("2025-09-12T10:00:00.000Z");
    expect(data.account).toEqual({
      id: adaUser!.id,
      email: "ada@example.org",
      role: "user",
      publicName: null,
      createdAt: adaUser!.createdAt,
      hasPassword: false,
      suspendedAt: null,
    });
    expect(data.votes).toEqual([{ paperId: "2509.00001", votedAt: "2025-09-12T10:00:00.000Z" }]);
    expect(data.submissions).toEqual([
      { paperId: "2509.00002", day: "2025-09-12", submittedAt: "2025-09-12T09:00:00.000Z" },
    ]);
    expect(data.comments).toEqual([
      expect.objectContaining({
        paperId: "2509.00001",
        body: "Nice *result*",
        parentId: null,
        deletedAt: null,
      }),
    ]);
    expect(data.collections).toEqual([
      {
        id: collectionId,
        name: "To read",
        public: false,
        createdAt: "2025-09-12T10:00:00.000Z",
        items: [
          { paperId: "2509.00002", addedAt: "2025-09-12T10:00:00.000Z", readAt: null, note: "section 3" },
        ],
      },
    ]);
    expect(JSON.stringify(data)).not.toContain("bob");
    expect(JSON.stringify(data)).not.toMatch(/hash/i);
  });

  it("sends anonymous visitors to sign in first", async () => {
    const response = await t.app.inject("/me/export.json");
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/login?next=%2Fme");
  });
});
