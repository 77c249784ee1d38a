import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makePaperInput } from "../../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "../build-app.js";
import { type BrowserSession, csrfTokenIn, signIn, signInWithRole } from "./browser-session.js";

const DAY = "2025-09-11";

describe("moderating papers through HTTP: hide, list again, merge duplicates", () => {
  let t: CommunityTestApp;
  let mod: BrowserSession;
  let modCsrf: string;
  beforeEach(async () => {
    t = await buildCommunityTestApp([
      makePaperInput({ id: "2509.00001", title: "Kept zebrafish paper", listingDay: DAY, upvotes: 5 }),
      makePaperInput({ id: "2509.00002", title: "Duplicate zebrafish paper", listingDay: DAY, upvotes: 1 }),
      makePaperInput({ id: "2509.00003", title: "Spam quokka paper", listingDay: DAY }),
    ]);
    mod = await signInWithRole(t, "mod@example.org", "moderator");
    modCsrf = csrfTokenIn((await mod.get("/admin/audit")).body);
  });
  afterEach(() => t.close());

  /** Where anonymous readers find papers: the day, search, the daily feed, trending and the API. */
  async function publicPlaces(): Promise<string[]> {
    return Promise.all(
      [
        `/days/${DAY}`,
        "/search?q=quokka",
        "/feeds/daily.rss",
        "/trending",
        "/feeds/trending.rss",
        `/api/daily_papers?date=${DAY}`,
      ].map(async (url) => (await t.app.inject(url)).body),
    );
  }

  it("hides a paper from the lists, search, feeds and trending, and lists it again", async () => {
    const now = new Date().toISOString();
    const { id: voter } = await t.community.accounts.ensureUser({
      id: "voter",
      email: "voter@example.org",
      role: "user",
      createdAt: now,
    });
    await t.community.votes.addVote(voter, "2509.00003", now);
    for (const body of await publicPlaces()) expect(body).toContain("2509.00003");
    expect((await t.app.inject("/papers/2509.00003")).body).not.toContain("Moderators took this paper");

    const hidden = await mod.post("/admin/papers/hide", {
      paper: "https://arxiv.org/abs/2509.00003v1",
      hidden: "true",
      reason: "spam <b>again</b>",
      _csrf: modCsrf,
    });
    expect(hidden.statusCode).toBe(303);
    expect(hidden.headers.location).toBe("/admin/audit?done=hidden&paper=2509.00003");
    expect((await mod.get(String(hidden.headers.location))).body).toContain(
      '<p class="notice" role="status">2509.00003 is hidden from the lists.</p>',
    );
    for (const body of await publicPlaces()) expect(body).not.toContain("2509.00003");
    expect((await t.app.inject(`/days/${DAY}`)).body).toContain("Kept zebrafish paper");
    const hiddenPage = await t.app.inject("/papers/2509.00003");
    expect(hiddenPage.statusCode).toBe(200);
    expect(hiddenPage.body).toContain("Moderators took this paper off the lists, search and feeds");

    const shown = await mod.post("/admin/papers/hide", {
      paper: "2509.00003",
      hidden: "false",
      _csrf: modCsrf,
    });
    expect(shown.statusCode).toBe(303);
    for (const body of await publicPlaces()) expect(body).toContain("2509.00003");

    const audit = (await mod.get("/admin/audit")).body;
    expect(audit).toContain("paper.hide");
    expect(audit).toContain("paper.show");
    expect(audit).toContain("paper 2509.00003");
    expect(audit).toContain("spam &lt;b>again&lt;/b>");
  });

  it("merges a duplicate: its votes move to the kept paper once per person, and it leaves the lists", async () => {
    const ada = await signIn(t, "ada@example.org");
    const bob = await signIn(t, "bob@example.org");
    for (const [browser, papers] of [
      [ada, ["2509.00001", "2509.00002"]],
      [bob, ["2509.00002"]],
    ] as const) {
      for (const paper of papers) {
        const csrf = csrfTokenIn((await browser.get(`/papers/${paper}`)).body);
        expect((await browser.post(`/papers/${paper}/vote`, { action: "add", _csrf: csrf })).statusCode).toBe(
          303,
        );
      }
    }

    const merged = await mod.post("/admin/papers/merge", {
      duplicate: "2509.00002",
      kept: "arXiv:2509.00001v2",
      reason: "same work",
      _csrf: modCsrf,
    });
    expect(merged.statusCode).toBe(303);
    const notice = (await mod.get(String(merged.headers.location))).body;
    expect(notice).toContain(
      '<p class="notice" role="status">2509.00002 is merged into 2509.00001: 1 vote, 0 collection entries, 0 comments moved, 7 upvotes now.</p>',
    );
    const kept = JSON.parse((await t.app.inject("/api/papers/2509.00001")).body) as { upvotes: number };
    expect(kept.upvotes).toBe(7);
    const bobId = (await t.community.accounts.userByEmail("bob@example.org"))!.id;
    expect(await t.community.votes.votedAmong(bobId, ["2509.00001", "2509.00002"])).toEqual(["2509.00001"]);
    const day = (await t.app.inject(`/days/${DAY}`)).body;
    expect(day).toContain("Kept zebrafish paper");
    expect(day).not.toContain("Duplicate zebrafish paper");
    expect((await mod.get("/admin/audit")).body).toContain("paper 2509.00002 into 2509.00001");
    // Merging back would hide both papers: refused, the kept one named.
    const back = await mod.post("/admin/papers/merge", {
      duplicate: "2509.00001",
      kept: "2509.00002",
      _csrf: modCsrf,
    });
    expect(back.statusCode).toBe(409);
    expect(back.body).toContain("2509.00002 is merged into 2509.00001 already.");
    const intoMerged = await mod.post("/admin/papers/merge", {
      duplicate: "2509.00003",
      kept: "2509.00002",
      _csrf: modCsrf,
    });
    expect(intoMerged.statusCode).toBe(409);
    expect(intoMerged.body).toContain(
      "2509.00002 was merged into 2509.00001: merge 2509.00003 into 2509.00001 instead.",
    );

    // The duplicate's page leads to the paper kept and takes no new votes.
    const duplicatePage = (await t.app.inject("/papers/2509.00002")).body;
    expect(duplicatePage).toContain("Moderators merged this paper, a duplicate, into the one below");
    expect(duplicatePage).toMatch(
      /into the one below[^<]*<a href="\/papers\/2509\.00001">[\s\S]{0,200}Kept zebrafish/,
    );
    expect(duplicatePage).toContain('class="vote-button vote-closed"');
    expect(duplicatePage).not.toContain('title="Sign in to upvote"');
    const carol = await signIn(t, "carol@example.org");
    const carolPage = (await carol.get("/papers/2509.00002")).body;
    expect(carolPage).not.toContain('action="/papers/2509.00002/vote"');
    const refused = await carol.post("/papers/2509.00002/vote", {
      action: "add",
      _csrf: csrfTokenIn(carolPage),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain(
      "Moderators took arXiv:2509.00002 off the lists, so it takes no new votes",
    );
    const viaApi = await carol.api("POST", "/api/papers/2509.00002/vote", {
      "x-csrf-token": csrfTokenIn(carolPage),
    });
    expect(viaApi.statusCode).toBe(409);
    expect(viaApi.json()).toMatchObject({
      error: { code: "conflict", message: expect.stringContaining("takes no new votes") },
    });
    expect((await t.app.inject("/papers/2509.00001")).body).not.toContain("Moderators merged");
  });

  it("refuses people who are not moderators, forms without the CSRF token, and bad input", async () => {
    const ada = await signIn(t, "ada@example.org");
    const adaCsrf = csrfTokenIn((await ada.get("/papers/2509.00001")).body);
    const hide = { paper: "2509.00003", hidden: "true" };
    const merge = { duplicate: "2509.00002", kept: "2509.00001" };
    expect((await ada.post("/admin/papers/hide", { ...hide, _csrf: adaCsrf })).statusCode).toBe(403);
    expect((await ada.post("/admin/papers/merge", { ...merge, _csrf: adaCsrf })).statusCode).toBe(403);
    expect((await mod.post("/admin/papers/hide", hide)).statusCode).toBe(403);
    expect((await mod.post("/admin/papers/merge", { ...merge, _csrf: adaCsrf })).statusCode).toBe(403);
    expect((await t.app.inject(`/days/${DAY}`)).body).toContain("Spam quokka paper");

    const refused = [
      await mod.post("/admin/papers/hide", { paper: "not a paper", hidden: "true", _csrf: modCsrf }),
      await mod.post("/admin/papers/hide", { paper: "2509.99999", hidden: "true", _csrf: modCsrf }),
      await mod.post("/admin/papers/merge", {
        duplicate: "2509.00001",
        kept: "2509.00001v2",
        _csrf: modCsrf,
      }),
      await mod.post("/admin/papers/merge", { duplicate: "2509.99999", kept: "2509.00001", _csrf: modCsrf }),
      await mod.post("/admin/papers/hide", { paper: "2509.00003", hidden: "maybe", _csrf: modCsrf }),
    ];
    expect(refused.map((response) => response.statusCode)).toEqual([400, 404, 400, 404, 400]);
    // A refused form comes back on the moderation page, the reason above the forms to correct it.
    for (const response of refused.slice(0, 4)) {
      expect(response.body).toContain("<h1>Moderation</h1>");
      expect(response.body).toMatch(/<p class="form-error" role="alert">[^<]+<\/p>/);
    }
    expect(refused[0]?.body).toContain("is not an arXiv identifier or URL");
    const noSuchAccount = await mod.post("/admin/users/suspend", {
      email: "nobody@example.org",
      suspended: "true",
      _csrf: modCsrf,
    });
    expect(noSuchAccount.statusCode).toBe(404);
    expect(noSuchAccount.body).toContain("No account with the address nobody@example.org.");
    expect(noSuchAccount.body).toContain('action="/admin/users/suspend"');
    expect((await mod.get("/admin/audit")).body).toContain("No moderator actions yet.");
  });

  it("refuses to suspend an admin on the moderation page, the reason above the forms", async () => {
    await t.community.accounts.ensureUser({
      id: "admin",
      email: "admin@example.org",
      role: "admin",
      createdAt: new Date().toISOString(),
    });
    const refused = await mod.post("/admin/users/suspend", {
      email: "admin@example.org",
      suspended: "true",
      _csrf: modCsrf,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('<p class="form-error" role="alert">Admins cannot be suspended.</p>');
    expect(refused.body).toContain('action="/admin/users/suspend"');
  });

  it("words only the results its own forms report: a link cannot make it say anything else", async () => {
    const suspended = await mod.get("/admin/audit?done=suspended&email=spam%40example.org");
    expect(suspended.body).toContain('<p class="notice" role="status">spam@example.org is suspended.</p>');
    for (const url of [
      "/admin/audit?done=Your+account+was+compromised%2C+call+us",
      "/admin/audit?done=suspended&email=Your+account+was+compromised",
      "/admin/audit?done=hidden&paper=Your+account",
      "/admin/audit?done=merged&paper=2509.00002&kept=2509.00001",
      "/admin/audit?done=merged&paper=2509.00002&kept=2509.00001&votes=x&entries=0&comments=0&upvotes=1",
    ]) {
      const page = await mod.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).not.toContain('class="notice"');
      expect(page.body, url).not.toContain("Your account");
    }
  });
});
