import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePaperInput } from "../support/paper-factory.js";
import { buildTestApp, HOSTILE_STRINGS, type TestApp } from "./build-app.js";

const DAY = "2025-09-11";

describe("JSON API", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp([
      makePaperInput({
        id: "2509.09672",
        title: "Locality in <Image> Diffusion",
        abstract: "Locality emerges from data statistics.",
        categories: ["cs.CV", "cs.LG"],
        listingDay: DAY,
        upvotes: 9,
      }),
      makePaperInput({ id: "2509.09673", title: "Second paper", listingDay: DAY, upvotes: 3 }),
      makePaperInput({ id: "2509.00100", title: "Earlier paper", listingDay: "2025-09-09", upvotes: 50 }),
      makePaperInput({
        id: "hep-th/9901001",
        title: "Old paper",
        listingDay: "1999-01-05",
        authors: [],
        authorCount: 7,
      }),
    ]);
  });
  afterAll(() => t.close());

  async function getJson(url: string) {
    const response = await t.app.inject(url);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    return { status: response.statusCode, body: response.json() };
  }

  it("lists the latest day by default, presented (never raw rows)", async () => {
    const { status, body } = await getJson("/api/papers");
    expect(status).toBe(200);
    expect(body.period).toEqual({ kind: "day", label: DAY, from: DAY, to: DAY });
    expect(body).toMatchObject({ sort: "upvotes", page: 1, limit: 30, total: 2 });
    expect(body.papers.map((paper: { id: string }) => paper.id)).toEqual(["2509.09672", "2509.09673"]);
    const [paper] = body.papers;
    expect(paper.primaryCategory).toBe("cs.CV");
    expect(paper.links).toEqual({
      abs: "https://arxiv.org/abs/2509.09672",
      pdf: "https://arxiv.org/pdf/2509.09672",
      page: "/papers/2509.09672",
    });
    expect(Object.keys(paper).sort()).toEqual(
      [
        "id",
        "title",
        "abstract",
        "authors",
        "authorCount",
        "categories",
        "primaryCategory",
        "comments",
        "journalRef",
        "doi",
        "license",
        "versions",
        "publishedAt",
        "day",
        "upvotes",
        "links",
      ].sort(),
    );
  });

  it("lists a week or a month, sorted and paged", async () => {
    const week = await getJson("/api/papers?week=2025-W37&sort=upvotes");
    expect(week.body.total).toBe(3);
    expect(week.body.papers[0].id).toBe("2509.00100");

    const byDate = await getJson("/api/papers?month=2025-09&sort=date&limit=1&page=2");
    expect(byDate.body).toMatchObject({ sort: "date", page: 2, limit: 1, total: 3 });
    expect(byDate.body.papers).toHaveLength(1);
  });

  it.each([
    ["/api/papers?day=2025-02-30", "not a valid day"],
    ["/api/papers?week=2025-W99", "not a valid week"],
    ["/api/papers?month=september", "not a valid month"],
    ["/api/papers?day=2025-09-11&week=2025-W37", "at most one"],
    ["/api/papers?page=0", "page"],
    ["/api/papers?page=two", "page"],
    ["/api/papers?limit=1000", "limit"],
    ["/api/papers?sort=hot", "sort"],
    ["/api/papers/not-an-id", "not an arXiv identifier"],
    ["/api/search?q=", "nothing to search for"],
    ["/api/search", "nothing to search for"],
    ["/api/search?q=locality&category=astrology", "not an arXiv category"],
    ["/api/search?q=locality&from=2025-02-30", "not a day"],
    ["/api/search?q=locality&author=!!!", "holds no name to look for"],
    ["/api/search?q=locality&sort=random", "sort"],
    ["/api/search?q=locality&limit=0", "limit"],
    ["/api/papers?page=Infinity", "page"],
    ["/api/papers?limit=-Infinity", "limit"],
    ["/api/papers?page=1e400", "page"],
    ["/api/search?q=locality&page=Infinity", "page"],
    ["/api/search?q=locality&limit=Infinity&mode=lexical", "limit"],
    ["/api/daily_papers?p=Infinity", "p"],
    ["/api/papers/2509.09672/similar?limit=Infinity", "limit"],
  ])("answers %s with a JSON 400", async (url, message) => {
    const { status, body } = await getJson(url);
    expect(status).toBe(400);
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toContain(message);
  });

  it("says why a search whose day range runs backwards finds nothing", async () => {
    const { status, body } = await getJson("/api/search?q=locality&from=2025-12-31&to=2025-01-01");
    expect(status).toBe(200);
    expect(body.total).toBe(0);
    expect(body.notice).toBe(
      "No paper can match: the range starts on 2025-12-31, after it ends on 2025-01-01. Swap the two days to search between them.",
    );
    expect((await getJson("/api/search?q=locality&from=2025-01-01&to=2025-12-31")).body.notice).toBeNull();
  });

  it("filters and sorts search results by category, author and day", async () => {
    const all = await getJson("/api/search?q=locality");
    const filtered = await getJson("/api/search?q=locality&category=cs&from=2025-01-01&sort=date");
    expect(filtered.status).toBe(200);
    const hits = filtered.body.hits as { paper: { categories: string[]; day: string } }[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual((all.body.hits as unknown[]).length);
    for (const hit of hits) {
      expect(hit.paper.categories.some((category) => category.startsWith("cs."))).toBe(true);
      expect(hit.paper.day >= "2025-01-01").toBe(true);
    }
    const days = hits.map((hit) => hit.paper.day);
    expect(days).toEqual([...days].sort().reverse());
    const none = await getJson("/api/search?q=locality&author=nobody");
    expect(none.body.total).toBe(0);
    const byFilterOnly = await getJson("/api/search?category=cs.LG");
    expect(byFilterOnly.status).toBe(200);
    expect(byFilterOnly.body.total).toBeGreaterThan(0);
  });

  it("shows one paper, accepting old-style ids and version suffixes", async () => {
    const { status, body } = await getJson("/api/papers/hep-th/9901001v3");
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: "hep-th/9901001", authors: [], authorCount: 7, day: "1999-01-05" });
  });

  it("answers unknown ids and routes with a JSON 404", async () => {
    const unknown = await getJson("/api/papers/2509.99999");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: "not_found", message: "No paper with id 2509.99999." });

    const route = await getJson("/api/nothing-here");
    expect(route.status).toBe(404);
    expect(route.body.error).toEqual({
      code: "not_found",
      message: "No API route for GET /api/nothing-here: the routes are listed at /docs.",
    });
  });

  it("answers a method an API route does not take with a 405 naming the ones it does", async () => {
    const response = await t.app.inject({ method: "DELETE", url: "/api/search?q=locality" });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe("GET, HEAD");
    expect(response.json()).toEqual({
      error: {
        code: "method_not_allowed",
        message: "/api/search takes GET, HEAD, not DELETE: the routes are listed at /docs.",
      },
    });
    // An address no route has stays a 404, whatever the method.
    const nowhere = await t.app.inject({ method: "DELETE", url: "/api/nothing-here" });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.headers.allow).toBeUndefined();
  });

  it("searches with HTML-escaped <mark> highlights", async () => {
    const { status, body } = await getJson("/api/search?q=locality");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      query: "locality",
      notice: null,
      total: 1,
      truncated: false,
      page: 1,
      limit: 20,
    });
    const [hit] = body.hits;
    expect(hit.paper.id).toBe("2509.09672");
    expect(hit.titleHighlighted).toBe("<mark>Locality</mark> in &lt;Image&gt; Diffusion");
    expect(hit.snippet).toContain("<mark>Locality</mark> emerges");
    expect(typeof hit.score).toBe("number");
  });

  it("passes the parser's notice on for malformed queries", async () => {
    const { status, body } = await getJson(`/api/search?q=${encodeURIComponent('"locality')}`);
    expect(status).toBe(200);
    expect(body.notice).toContain("Unbalanced quote");
  });

  it("reports health with the latest day and the paper count", async () => {
    const { status, body } = await getJson("/healthz");
    expect(status).toBe(200);
    expect(body).toEqual({ status: "ok", latestDay: DAY, papers: 4, papersCountedAt: expect.any(String) });
    expect(Date.now() - Date.parse(body.papersCountedAt)).toBeLessThan(60_000);
  });

  it.each([
    ["/api/papers?sort=hot", "sort must be one of: upvotes, date."],
    ["/api/search?q=x&mode=fast", "mode must be one of: lexical, semantic, hybrid."],
    ["/api/papers?page=0", "page must be >= 1."],
  ])("words a refused parameter so a reader can fix it: %s", async (url, message) => {
    const { status, body } = await getJson(url);
    expect(status).toBe(400);
    expect(body.error.message).toBe(message);
  });

  it("answers a malformed URL with a JSON 400", async () => {
    const { status, body } = await getJson("/api/papers/%E0%A4%A");
    expect(status).toBe(400);
    expect(body.error.code).toBe("bad_request");
  });

  it("never answers hostile input with a 5xx", async () => {
    for (const text of HOSTILE_STRINGS) {
      const value = encodeURIComponent(text);
      for (const url of [
        `/api/papers?day=${value}`,
        `/api/papers?week=${value}&sort=${value}`,
        `/api/papers?month=${value}&page=${value}&limit=${value}`,
        `/api/papers/${value}`,
        `/api/search?q=${value}`,
        `/api/search?q=${value}&page=${value}`,
        `/api/search?q=${value}&q=again`,
        `/api/search?q=x&category=${value}&author=${value}&from=${value}&to=${value}&sort=${value}`,
      ]) {
        const response = await t.app.inject(url);
        expect(response.statusCode, url.slice(0, 80)).toBeLessThan(500);
        expect(response.json()).toBeTypeOf("object");
      }
    }
  });
});
