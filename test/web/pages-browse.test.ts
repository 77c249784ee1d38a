import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStores } from "../../src/store/sqlite/open-stores.js";
import { makePaperInput } from "../support/paper-factory.js";
import { buildTestApp, HOSTILE_STRINGS, type TestApp } from "./build-app.js";

function titlesOf(html: string): string[] {
  return [...html.matchAll(/class="card-title"><a href="[^"]+">([^<]+)</g)].map((match) => match[1] ?? "");
}

describe("author and category pages", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp([
      makePaperInput({
        id: "2509.00201",
        title: "Newest by Müller",
        authors: ["Jürgen Müller", "Ada Lovelace"],
        categories: ["cs.LG", "stat.ML"],
        listingDay: "2025-09-11",
        publishedAt: "2025-09-10T12:00:00.000Z",
        upvotes: 1,
      }),
      makePaperInput({
        id: "2509.00202",
        title: "Older by Muller",
        authors: ["Jurgen Muller"],
        categories: ["cs.CL"],
        listingDay: "2025-09-04",
        publishedAt: "2025-09-03T12:00:00.000Z",
        upvotes: 9,
      }),
      makePaperInput({
        id: "2509.00203",
        title: "Another Müller paper",
        authors: ["Jürgen Müller"],
        categories: ["math.PR"],
        listingDay: "2025-08-01",
        publishedAt: "2025-07-31T12:00:00.000Z",
      }),
      makePaperInput({
        id: "2509.00204",
        title: "Someone else entirely",
        authors: ["Grace Hopper"],
        categories: ["cs.LG"],
        listingDay: "2025-09-10",
        publishedAt: "2025-09-09T12:00:00.000Z",
      }),
    ]);
  });
  afterAll(() => t.close());

  it("lists every paper of an author newest first, whatever the accents, naming the spellings found", async () => {
    const response = await t.app.inject(`/authors/${encodeURIComponent("jurgen muller")}`);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(titlesOf(html)).toEqual(["Newest by Müller", "Older by Muller", "Another Müller paper"]);
    expect(html).toContain("<h1>Jürgen Müller</h1>");
    expect(html).toContain("Also written Jurgen Muller");
    expect(html).toContain("3 papers");
    expect(html).toContain('href="/feeds/author/jurgen%20muller.rss"');
    expect(html).toContain('<link rel="canonical" href="/authors/jurgen%20muller"/>');
    const byVotes = (await t.app.inject(`/authors/${encodeURIComponent("Jürgen Müller")}?sort=upvotes`)).body;
    expect(titlesOf(byVotes)[0]).toBe("Older by Muller");
    // Part of a name heads the page as typed, whichever whole name is most frequent on it.
    const surname = (await t.app.inject("/authors/Muller")).body;
    expect(surname).toContain("<h1>Muller</h1>");
    expect(surname).toContain("Names on this page: Jürgen Müller, Jurgen Muller");
  });

  it("links each author and category from cards and paper pages", async () => {
    const home = (await t.app.inject("/")).body;
    expect(home).toContain(
      `<a href="/authors/J%C3%BCrgen%20M%C3%BCller">Jürgen Müller</a>, <a href="/authors/Ada%20Lovelace">Ada Lovelace</a>`,
    );
    expect(home).toContain('<a class="tag" href="/categories/stat.ML" title="Machine Learning">stat.ML</a>');
    const paper = (await t.app.inject("/papers/2509.00201")).body;
    expect(paper).toContain('<a href="/authors/Ada%20Lovelace">Ada Lovelace</a>');
    expect(paper).toContain('<a class="tag" href="/categories/cs.LG">Machine Learning (cs.LG)</a>');
  });

  it("shows a category under its arXiv name, an archive covering its categories, and redirects other cases", async () => {
    const category = await t.app.inject("/categories/cs.LG");
    expect(category.statusCode).toBe(200);
    expect(category.body).toContain("<h1>Machine Learning</h1>");
    expect(category.body).toContain("cs.LG · Computer Science");
    expect(category.body).toContain("<title>Machine Learning (cs.LG) · PaperPulse</title>");
    expect(category.body).toContain('href="/feeds/category/cs.LG.atom"');
    expect(titlesOf(category.body)).toEqual(["Newest by Müller", "Someone else entirely"]);
    const archive = (await t.app.inject("/categories/cs")).body;
    expect(archive).toContain("<h1>Computer Science</h1>");
    expect(titlesOf(archive)).toEqual(["Newest by Müller", "Someone else entirely", "Older by Muller"]);
    const lowerCase = await t.app.inject("/categories/cs.lg?sort=upvotes");
    expect(lowerCase.statusCode).toBe(301);
    expect(lowerCase.headers.location).toBe("/categories/cs.LG?sort=upvotes");
  });

  it("says so when an author has no papers, and refuses unknown categories and empty names", async () => {
    const nobody = await t.app.inject("/authors/Nobody%20Here");
    expect(nobody.statusCode).toBe(200);
    expect(nobody.body).toContain("No papers by Nobody Here here yet.");
    const unknown = await t.app.inject("/categories/cs.XX");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect((await t.app.inject("/authors/%20-%20")).statusCode).toBe(400);
    for (const text of HOSTILE_STRINGS) {
      for (const url of [`/authors/${encodeURIComponent(text)}`, `/categories/${encodeURIComponent(text)}`]) {
        const response = await t.app.inject(url);
        expect(response.statusCode, url.slice(0, 60)).toBeLessThan(500);
      }
    }
  });
});

describe("a category longer than the counting window", () => {
  it("lists every paper, page after page, past the papers it counted", async () => {
    const papers = Array.from({ length: 35 }, (_, i) =>
      makePaperInput({ id: `2509.${String(30000 + i)}`, categories: ["cs.LG"], listingDay: "2025-09-11" }),
    );
    // Counting stops at 10 papers; the pages go on to the 35th.
    const stores = openSqliteStores(":memory:", { rankingLimit: 10 });
    const t = await buildTestApp(papers, { stores });
    try {
      const first = (await t.app.inject("/categories/cs.LG")).body;
      expect(first).toContain("More than 10 papers");
      expect(first).toContain("Page 1 of 1+");
      expect(first).toContain('href="/categories/cs.LG?page=2" rel="next"');
      const second = (await t.app.inject("/categories/cs.LG?page=2")).body;
      expect(second.match(/<article/g)).toHaveLength(5);
      expect(second).toContain("Page 2 of 2+");
      expect(second).not.toContain('rel="next"');
      expect((await t.app.inject("/categories/cs.LG?page=3")).body).toContain("Past the end");
    } finally {
      await t.close();
    }
  });
});
