import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStores } from "../../src/store/sqlite/open-stores.js";
import { buildApp } from "../../src/web/app.js";
import { makePaperInput } from "../support/paper-factory.js";
import { buildTestApp, HOSTILE_STRINGS, type TestApp } from "./build-app.js";

describe("paper page", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp([
      makePaperInput({
        id: "2509.09672",
        title: "Locality in Image Diffusion Models",
        abstract: "First paragraph about locality.\n\nSecond paragraph\nwrapped over lines.",
        authors: ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"],
        authorCount: 4,
        categories: ["cs.CV", "cs.LG"],
        comments: "12 pages, 5 figures. Project page: https://example.org/locality?v=2. Code soon",
        journalRef: "NeurIPS 2025",
        doi: "10.1000/xyz123",
        license: "http://creativecommons.org/licenses/by/4.0/",
        versions: [
          { version: 1, createdAt: "2025-09-10T12:00:00.000Z" },
          { version: 2, createdAt: "2025-10-01T08:00:00.000Z" },
        ],
        listingDay: "2025-09-11",
        upvotes: 17,
      }),
      makePaperInput({
        id: "hep-th/9901001",
        title: "An old-style paper",
        listingDay: "1999-01-05",
        abstract: `${"Strings vibrate in many dimensions. ".repeat(6)}Compactification follows.`,
      }),
      makePaperInput({
        id: "2509.00666",
        title: '<img src=x onerror="alert(1)">',
        abstract: "<b>bold</b> claim",
      }),
    ]);
  });
  afterAll(() => t.close());

  it("shows everything known about the paper", async () => {
    const response = await t.app.inject("/papers/2509.09672");
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<h1 id="paper-title">Locality in Image Diffusion Models</h1>');
    expect(html).toContain(
      "<p>First paragraph about locality.</p><p>Second paragraph wrapped over lines.</p>",
    );
    expect(html.replace(/<[^>]+>/g, "")).toContain(
      "Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra",
    );
    expect(html).toContain('<a href="/authors/Edsger%20Dijkstra">Edsger Dijkstra</a>');
    expect(html).toContain(
      '<a class="tag" href="/categories/cs.CV">Computer Vision and Pattern Recognition (cs.CV)</a>',
    );
    expect(html).toContain(
      '12 pages, 5 figures. Project page: <a href="https://example.org/locality?v=2" rel="nofollow noopener">https://example.org/locality?v=2</a>. Code soon',
    );
    expect(html).toContain("NeurIPS 2025");
    expect(html).toContain('href="https://doi.org/10.1000/xyz123"');
    expect(html).toContain("creativecommons.org/licenses/by/4.0");
    expect(html).toMatch(
      /<strong><a href="https:\/\/arxiv\.org\/abs\/2509\.09672v1">v1<\/a><\/strong> Sep 10, 2025.*<strong><a href="https:\/\/arxiv\.org\/abs\/2509\.09672v2">v2<\/a><\/strong> Oct 1, 2025/,
    );
    expect(html).toContain('href="https://arxiv.org/abs/2509.09672"');
    expect(html).toContain('href="https://arxiv.org/pdf/2509.09672"');
    expect(html).toContain('href="/days/2025-09-11"');
    expect(html).toMatch(/class="vote-count">17</);
  });

  it("describes the page with the abstract's opening, cut at a word", async () => {
    const html = (await t.app.inject("/papers/hep-th/9901001")).body;
    const description = /<meta name="description" content="([^"]*)"/.exec(html)?.[1] ?? "";
    const abstract = `${"Strings vibrate in many dimensions. ".repeat(6)}Compactification follows.`;
    expect(description.endsWith("…")).toBe(true);
    const kept = description.slice(0, -1);
    expect(abstract.startsWith(kept)).toBe(true);
    expect(abstract[kept.length]).toBe(" ");
    expect(description.length).toBeLessThanOrEqual(201);
  });

  it("serves old-style ids containing a slash", async () => {
    const response = await t.app.inject("/papers/hep-th/9901001");
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("An old-style paper");
  });

  it.each([
    ["/papers/2509.09672v2", "/papers/2509.09672"],
    ["/papers/arXiv:2509.09672", "/papers/2509.09672"],
    ["/papers/math.AG/0601001v1", "/papers/math/0601001"],
    ["/papers/hep-th%2F9901001", "/papers/hep-th/9901001"],
    ["/papers/hep-th%2f9901001?ref=feed", "/papers/hep-th/9901001"],
    ["/papers/arXiv:2509.09672?similar=date", "/papers/2509.09672?similar=date"],
    ["/papers/2509.09672v1?similar=relevance", "/papers/2509.09672"],
  ])("redirects %s permanently to the canonical id", async (url, location) => {
    const response = await t.app.inject(url);
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe(location);
  });

  it("answers an unknown id with a 404 page", async () => {
    const response = await t.app.inject("/papers/2509.99999");
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain("There is no paper arXiv:2509.99999 here yet.");
    expect(response.body).toContain('href="https://arxiv.org/abs/2509.99999">Read it on arXiv</a>');
    expect(response.body).toContain('href="/submit?paper=2509.99999">Add it from arXiv</a>');
  });

  it("offers only arXiv for an unknown id where the instance has no accounts to add papers with", async () => {
    const { papers } = openSqliteStores(":memory:");
    const app = await buildApp({ store: papers, pageCacheTtlMs: 0 });
    try {
      const response = await app.inject("/papers/2509.99999");
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain(
        '<a class="button" href="https://arxiv.org/abs/2509.99999">Read it on arXiv</a>',
      );
      expect(response.body).not.toContain("/submit");
    } finally {
      await app.close();
      await papers.close();
    }
  });

  it.each(["/papers/not-an-id", "/papers/2513.00001", "/papers/1234", "/papers/hep-th/9913001"])(
    "answers the malformed id %s with a 400 page",
    async (url) => {
      const response = await t.app.inject(url);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain("not an arXiv identifier");
    },
  );

  it("answers /papers without an id with a 404 page", async () => {
    expect((await t.app.inject("/papers/")).statusCode).toBe(404);
  });

  it("escapes markup in titles and abstracts", async () => {
    const html = (await t.app.inject("/papers/2509.00666")).body;
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<b>bold</b>");
    expect(html).toContain("&lt;b>bold&lt;/b> claim");
  });

  it("never answers hostile ids with a 5xx", async () => {
    for (const text of HOSTILE_STRINGS) {
      const response = await t.app.inject(`/papers/${encodeURIComponent(text)}`);
      expect(response.statusCode).toBeLessThan(500);
    }
    const badEncoding = await t.app.inject("/papers/%E0%A4%A");
    expect(badEncoding.statusCode).toBe(400);
  });
});
