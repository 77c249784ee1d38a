import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePaperInput } from "../support/paper-factory.js";
import { buildTestApp, HOSTILE_STRINGS, type TestApp } from "./build-app.js";

const DAY = "2025-09-11";

function paperOn(day: string, upvotes: number, title: string, publishedAt = `${day}T10:00:00.000Z`) {
  return makePaperInput({ listingDay: day, upvotes, title, publishedAt });
}

describe("listing pages", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp([
      paperOn(DAY, 5, "Middle paper"),
      paperOn(DAY, 40, "Most upvoted paper"),
      paperOn(DAY, 5, "Newer tie paper", `${DAY}T11:00:00.000Z`),
      paperOn("2025-09-09", 1, "Earlier paper"),
      paperOn("2025-08-01", 2, "August paper"),
      makePaperInput({
        listingDay: DAY,
        title: "<script>alert('x')</script> Injected",
        authors: [],
        authorCount: 12,
        categories: ["cs.CV", "cs.LG"],
      }),
    ]);
  });
  afterAll(() => t.close());

  it("shows the latest day on the home page, ranked by upvotes, newer first on ties", async () => {
    const response = await t.app.inject("/");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    const html = response.body;
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).toContain("Daily Papers");
    expect(html).toContain("Thursday, September 11, 2025");
    const order = ["Most upvoted paper", "Newer tie paper", "Middle paper"].map((title) =>
      html.indexOf(title),
    );
    expect(order.every((index) => index > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).not.toContain("Earlier paper");
  });

  it("links to the previous day with papers, this week and this month", async () => {
    const html = (await t.app.inject("/")).body;
    expect(html).toContain('<a class="period-step" href="/days/2025-09-09" rel="prev">← Sep 9, 2025</a>');
    expect(html).toContain('href="/weeks/2025-W37"');
    expect(html).toContain('href="/months/2025-09"');
  });

  it("switches an empty month to a week and back without drifting a month earlier", async () => {
    const month = (await t.app.inject("/months/2029-12")).body;
    expect(month).toContain('href="/weeks/2029-W50"');
    const week = (await t.app.inject("/weeks/2029-W50")).body;
    expect(week).toContain('href="/months/2029-12"');
    const newYear = (await t.app.inject("/weeks/2030-W01")).body;
    expect(newYear).toContain('href="/months/2030-01"');
  });

  it("escapes titles and shows an author count when names are unknown", async () => {
    const html = (await t.app.inject("/")).body;
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script>alert");
    expect(html).toContain("12 authors");
    expect(html).toContain(
      '<a class="tag" href="/categories/cs.CV" title="Computer Vision and Pattern Recognition">cs.CV</a>',
    );
  });

  it("has the page's landmarks, a skip link and the search form", async () => {
    const html = (await t.app.inject("/")).body;
    for (const part of [
      '<a class="skip-link" href="#main"',
      "<header",
      '<main id="main"',
      "<footer",
      "<search",
    ]) {
      expect(html).toContain(part);
    }
    expect(html).toMatch(/<label[^>]*for="site-search"/);
  });

  it("shows a day, a week and a month with navigation between periods that have papers", async () => {
    const day = await t.app.inject(`/days/${DAY}`);
    expect(day.statusCode).toBe(200);
    expect(day.body).toContain("Most upvoted paper");

    const week = await t.app.inject("/weeks/2025-W37");
    expect(week.statusCode).toBe(200);
    expect(week.body).toContain("Earlier paper");
    expect(week.body).toContain("Week 37");
    expect(week.body).toContain('href="/weeks/2025-W31"');

    const month = await t.app.inject("/months/2025-09");
    expect(month.statusCode).toBe(200);
    expect(month.body).toContain("September 2025");
    expect(month.body).toContain('href="/months/2025-08"');
    expect(month.body).not.toContain("August paper");
  });

  it("sorts by date on request", async () => {
    const html = (await t.app.inject(`/weeks/2025-W37?sort=date`)).body;
    expect(html.indexOf("Middle paper")).toBeLessThan(html.indexOf("Earlier paper"));
    expect(html).toContain('href="/weeks/2025-W37?sort=date" aria-current="true"');
  });

  it("shows an empty valid day as a normal page with navigation", async () => {
    const response = await t.app.inject("/days/2025-09-10");
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("No papers were announced on this day.");
    expect(response.body).toContain('href="/days/2025-09-09"');
    expect(response.body).toContain(`href="/days/${DAY}"`);
  });

  it("redirects /days, /weeks and /months to the latest period", async () => {
    for (const [path, target] of [
      ["/days", `/days/${DAY}`],
      ["/weeks", "/weeks/2025-W37"],
      ["/months", "/months/2025-09"],
    ]) {
      const response = await t.app.inject(path!);
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe(target);
    }
  });

  it.each([
    ["/days/2025-13-01", "not a valid day"],
    ["/days/2025-02-30", "not a valid day"],
    ["/days/yesterday", "not a valid day"],
    ["/weeks/2025-W60", "not a valid week"],
    ["/months/2025-13", "not a valid month"],
    ["/?page=0", "The page number must be a whole number from 1 to 10,000."],
    ["/?page=abc", "The page number must be a whole number from 1 to 10,000."],
    ["/?page=1.5", "The page number must be a whole number from 1 to 10,000."],
    ["/?page=99999999999999999999", "The page number must be a whole number from 1 to 10,000."],
    ["/?sort=random", "The sort order can be upvotes or date."],
    [`/days/${DAY}?page=-1`, "The page number must be a whole number from 1 to 10,000."],
  ])("answers %s with a 400 page", async (url, message) => {
    const response = await t.app.inject(url);
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.body).toContain(message);
  });

  it("answers unknown pages with a 404 page", async () => {
    const response = await t.app.inject("/no/such/page");
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain("Page not found");
  });

  it("answers a method a page does not take with a 405 page naming the ones it does", async () => {
    const response = await t.app.inject({ method: "PUT", url: `/days/${DAY}` });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe("GET, HEAD");
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.body).toContain("This address takes GET, HEAD, not PUT.");
    const nowhere = await t.app.inject({ method: "PUT", url: "/no/such/page" });
    expect(nowhere.statusCode).toBe(404);
  });

  it("never answers hostile input with a 5xx", async () => {
    for (const text of HOSTILE_STRINGS) {
      const value = encodeURIComponent(text);
      for (const url of [
        `/days/${value}`,
        `/weeks/${value}`,
        `/months/${value}`,
        `/?page=${value}&sort=${value}`,
      ]) {
        const response = await t.app.inject(url);
        expect(response.statusCode, url).toBeLessThan(500);
        expect(response.body).not.toContain("<script>alert(1)");
      }
    }
  });
});

describe("paging", () => {
  let t: TestApp;
  beforeAll(async () => {
    const papers = Array.from({ length: 65 }, (_, index) => paperOn(DAY, index, `Paged paper ${index}`));
    t = await buildTestApp(papers);
  });
  afterAll(() => t.close());

  it("shows 30 papers a page with links between pages", async () => {
    const first = (await t.app.inject("/")).body;
    expect(first.match(/class="card"/g)).toHaveLength(30);
    expect(first).toContain("Page 1 of 3");
    expect(first).toContain('href="/?page=2"');

    const last = (await t.app.inject("/?page=3")).body;
    expect(last.match(/class="card"/g)).toHaveLength(5);
    expect(last).toContain('href="/?page=2"');
    // Tabs and history tell the pages apart; the first page keeps its plain title.
    expect(first).toContain("<title>PaperPulse</title>");
    expect(last).toMatch(/<title>Daily Papers — [^<]+ · page 3 · PaperPulse<\/title>/);
  });

  it("shows a page past the end as an empty page, not an error", async () => {
    const response = await t.app.inject("/?page=9");
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("past the last one");
    expect(response.body).toContain('<a href="/?page=3" rel="prev">← Last page</a>');
    expect(response.body).toContain("Past the end (3 pages)");
    expect(response.body).not.toContain("Page 9 of 3");
  });
});

describe("empty database", () => {
  it("welcomes with instructions to import", async () => {
    const t = await buildTestApp();
    try {
      const response = await t.app.inject("/");
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain("paperpulse import");
      expect((await t.app.inject("/weeks")).headers.location).toBe("/");
      expect((await t.app.inject("/days/2025-09-11")).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
