import { afterEach, describe, expect, it } from "vitest";
import type { PaperStore } from "../../../src/store/store.js";
import { HashedEmbedder } from "../../support/hashed-embedder.js";
import { makePaperInput } from "../../support/paper-factory.js";
import { semanticOver } from "../../support/semantic.js";
import { buildCommunityTestApp, type CommunityTestApp, HOSTILE_STRINGS } from "../build-app.js";
import { type BrowserSession, csrfTokenIn, signIn, signInWithRole } from "./browser-session.js";

const embedder = new HashedEmbedder();

/** The latest listed day is 2025-09-11: the past week starts on 09-05, the past month on 08-13. */
const PAPERS = [
  makePaperInput({
    id: "2509.00001",
    title: "Graph neural networks for molecules",
    abstract: "Message passing over molecular graphs predicts chemical properties.",
    listingDay: "2025-09-08",
  }),
  makePaperInput({
    id: "2509.00002",
    title: "Protein structure from graph networks",
    abstract: "Graph networks over residues predict protein structure.",
    listingDay: "2025-09-09",
  }),
  makePaperInput({
    id: "2509.00003",
    title: "Chemical property prediction by message passing",
    abstract: "Message passing graph networks predict molecular chemical properties.",
    listingDay: "2025-09-10",
    upvotes: 1,
  }),
  makePaperInput({
    id: "2509.00004",
    title: "Sorting with transformers",
    abstract: "Transformers learn to sort lists of numbers.",
    listingDay: "2025-09-11",
    upvotes: 9,
  }),
  makePaperInput({
    id: "2508.00005",
    title: "Molecular graphs, message passing and chemical properties",
    abstract: "An earlier look at message passing for molecular chemical properties.",
    listingDay: "2025-08-20",
  }),
];

const withModel = (store: PaperStore) => semanticOver(store, embedder);

function cardTitles(html: string): string[] {
  return [...html.matchAll(/class="card-title"><a href="[^"]+">([^<]+)</g)].map((match) => match[1] ?? "");
}

describe("papers for you through HTTP", () => {
  let t: CommunityTestApp;
  afterEach(() => t.close());

  async function likeAndSave(ada: BrowserSession): Promise<void> {
    const csrf = csrfTokenIn((await ada.get("/collections")).body);
    const voted = await ada.api("POST", "/api/papers/2509.00001/vote", { "x-csrf-token": csrf });
    expect(voted.statusCode).toBe(200);
    const created = await ada.post("/collections", { name: "Reading", _csrf: csrf });
    const collection = String(created.headers.location).replace("/collections/", "");
    const saved = await ada.post(`/collections/${collection}/items`, {
      paper: "2509.00002",
      action: "add",
      _csrf: csrf,
    });
    expect(saved.statusCode).toBe(303);
  }

  it("ranks the week's papers by likeness to what the member upvoted and saved, and says which", async () => {
    t = await buildCommunityTestApp(PAPERS, { semantic: withModel });
    const ada = await signIn(t, "ada@example.org");
    await likeAndSave(ada);

    const page = await ada.get("/for-you");
    expect(page.statusCode).toBe(200);
    expect(page.headers["cache-control"]).toBe("private, no-store");
    // Liked papers are not recommended back, unrelated ones not at all; the older paper is outside the week.
    expect(cardTitles(page.body)).toEqual(["Chemical property prediction by message passing"]);
    expect(page.body).toContain('Like <a href="/papers/2509.00001">Graph neural networks for molecules</a>');
    expect(page.body).toContain("most alike first to the 2 papers you upvoted or saved");
    // Headings go down one level at a time: the page's h1, the list's h2, each card's h3.
    const levels = [...page.body.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
    expect(
      levels.every((level, i) => i === 0 || level <= levels[i - 1]! + 1),
      String(levels),
    ).toBe(true);

    const month = await ada.get("/for-you?period=month");
    expect(cardTitles(month.body).sort()).toEqual([
      "Chemical property prediction by message passing",
      "Molecular graphs, message passing and chemical properties",
    ]);

    const week = (await ada.api("GET", "/api/me/for-you")).json();
    expect(week).toMatchObject({
      status: "ready",
      period: "week",
      liked: 2,
      from: "2025-09-05",
      to: "2025-09-11",
    });
    expect(week.papers.map((entry: { paper: { id: string } }) => entry.paper.id)).toEqual(["2509.00003"]);
    expect(week.papers[0].closestLiked).toEqual({
      id: "2509.00001",
      title: "Graph neural networks for molecules",
    });
    const monthApi = (await ada.api("GET", "/api/me/for-you?period=month")).json();
    expect(monthApi.from).toBe("2025-08-13");
    const [first, second] = monthApi.papers;
    expect(first.similarity).toBeGreaterThanOrEqual(second.similarity);
    expect(second.similarity).toBeGreaterThanOrEqual(0.3);

    // Every paper, from the search index's nearest to the taste: the same two, whatever their day.
    const all = (await ada.api("GET", "/api/me/for-you?period=all")).json();
    expect(all).toMatchObject({ status: "ready", period: "all", from: null, to: null });
    expect(all.papers.map((entry: { paper: { id: string } }) => entry.paper.id)).toEqual(
      monthApi.papers.map((entry: { paper: { id: string } }) => entry.paper.id),
    );
    // A paper a moderator hid is recommended to no one, in a period or from the index.
    const mod = await t.community.accounts.ensureUser({
      id: "mod",
      email: "mod@example.org",
      role: "moderator",
      createdAt: "2025-09-01T00:00:00.000Z",
    });
    const audit = {
      id: "h1",
      actorId: mod.id,
      action: "paper.hide",
      targetType: "paper" as const,
      targetId: "2509.00003",
      reason: "",
      at: "2025-09-12T00:00:00.000Z",
    };
    await t.community.moderation.setPaperHidden("2509.00003", audit.at, audit);
    expect((await ada.api("GET", "/api/me/for-you")).json().papers).toEqual([]);
    expect(
      (await ada.api("GET", "/api/me/for-you?period=all"))
        .json()
        .papers.map((entry: { paper: { id: string } }) => entry.paper.id),
    ).toEqual(["2508.00005"]);
    await t.community.moderation.setPaperHidden("2509.00003", null, {
      ...audit,
      id: "h2",
      action: "paper.show",
    });

    const allPage = (await ada.get("/for-you?period=all")).body;
    expect(allPage).toContain("Papers, most alike first to the 2 papers you upvoted or saved.");
    expect(allPage).toContain('<strong aria-current="true">All papers</strong>');
  });

  it("shows each recommended and similar paper's comment count on its card", async () => {
    t = await buildCommunityTestApp(PAPERS, { semantic: withModel });
    const ada = await signIn(t, "ada@example.org");
    await likeAndSave(ada);
    const csrf = csrfTokenIn((await ada.get("/papers/2509.00003")).body);
    const commented = await ada.post("/papers/2509.00003/comments", { body: "Worth reading", _csrf: csrf });
    expect(commented.statusCode).toBe(303);
    const countOnCard = (html: string) =>
      /<a class="card-comments" href="\/papers\/2509\.00003#comments">([^<]*)<\/a>/.exec(html)?.[1];
    expect(countOnCard((await ada.get("/for-you")).body)).toBe("1 comment");
    const paperPage = (await t.app.inject("/papers/2509.00001")).body;
    expect(paperPage).toContain("Chemical property prediction by message passing");
    expect(countOnCard(paperPage)).toBe("1 comment");
  });

  it("tells a new member how to start, sends visitors to sign in, and says when there is no model", async () => {
    t = await buildCommunityTestApp(PAPERS, { semantic: withModel });
    const anonymous = await t.app.inject("/for-you?period=month");
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe("/login?next=%2Ffor-you%3Fperiod%3Dmonth");
    expect((await t.app.inject("/api/me/for-you")).statusCode).toBe(401);
    expect((await t.app.inject("/for-you?period=year")).statusCode).toBe(400);

    const bob = await signIn(t, "bob@example.org");
    const page = await bob.get("/for-you");
    expect(page.body).toContain("Upvote or save a few papers you like");
    expect(cardTitles(page.body)).toEqual([]);
    expect((await bob.api("GET", "/api/me/for-you")).json()).toMatchObject({
      status: "no-taste",
      liked: 0,
      papers: [],
    });
    expect(page.body).toContain('<a href="/for-you">For you</a>');

    // A taste nothing of the period is like: no list padded with unrelated papers.
    const csrf = csrfTokenIn((await bob.get("/collections")).body);
    await bob.api("POST", "/api/papers/2509.00004/vote", { "x-csrf-token": csrf });
    expect((await bob.get("/for-you")).body).toContain("is close enough to the ones you did");
    expect((await bob.api("GET", "/api/me/for-you")).json()).toMatchObject({
      status: "ready",
      liked: 1,
      papers: [],
    });
    await t.close();

    t = await buildCommunityTestApp(PAPERS);
    const ada = await signIn(t, "ada@example.org");
    expect((await ada.get("/for-you")).body).toContain("this site runs without one");
    expect((await ada.api("GET", "/api/me/for-you")).json()).toMatchObject({
      status: "no-model",
      papers: [],
    });
  });

  it("links an old-style liked paper by its id, and stops naming a liked paper once moderators hide it", async () => {
    const oldStyle = makePaperInput({
      id: "hep-th/9901001",
      title: "Message passing over molecular graphs",
      abstract: "Message passing graph networks predict molecular chemical properties.",
      listingDay: "1999-01-04",
    });
    t = await buildCommunityTestApp([...PAPERS, oldStyle], { semantic: withModel });
    const ada = await signIn(t, "ada@example.org");
    const csrf = csrfTokenIn((await ada.get("/collections")).body);
    const voted = await ada.api("POST", "/api/papers/hep-th/9901001/vote", { "x-csrf-token": csrf });
    expect(voted.statusCode).toBe(200);

    const page = (await ada.get("/for-you")).body;
    expect(page).toContain('Like <a href="/papers/hep-th/9901001">Message passing over molecular graphs</a>');
    expect((await ada.get("/papers/hep-th/9901001")).statusCode).toBe(200);

    const mod = await signInWithRole(t, "mod@example.org", "moderator");
    const modCsrf = csrfTokenIn((await mod.get("/admin/audit")).body);
    const hidden = await mod.post("/admin/papers/hide", {
      paper: "hep-th/9901001",
      hidden: "true",
      _csrf: modCsrf,
    });
    expect(hidden.statusCode).toBe(303);
    const after = await ada.get("/for-you");
    expect(after.body).not.toContain("hep-th/9901001");
    expect(after.body).toContain("Upvote or save a few papers you like");
    expect((await ada.api("GET", "/api/me/for-you")).json()).toMatchObject({ status: "no-taste", liked: 0 });
  });

  it("answers hostile query strings with a 4xx, never a 5xx, and echoes none of them", async () => {
    t = await buildCommunityTestApp(PAPERS, { semantic: withModel });
    const ada = await signIn(t, "ada@example.org");
    for (const text of HOSTILE_STRINGS) {
      const value = encodeURIComponent(text);
      for (const url of [`/for-you?period=${value}`, `/for-you?period=week&period=${value}`]) {
        const response = await ada.get(url);
        expect(response.statusCode, url).toBe(400);
        expect(response.body).not.toContain("<script>alert(1)");
      }
      const api = await ada.api("GET", `/api/me/for-you?period=${value}`);
      expect(api.statusCode, value).toBe(400);
      expect(api.body).not.toContain("<script>alert(1)");
    }
  });
});
