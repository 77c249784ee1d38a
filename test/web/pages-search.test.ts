import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePaperInput } from "../support/paper-factory.js";
import { buildTestApp, HOSTILE_STRINGS, type TestApp } from "./build-app.js";

describe("search page", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp([
      makePaperInput({
        title: "Locality in Image Diffusion Models",
        abstract: "We show that locality emerges from data statistics in diffusion models.",
      }),
      makePaperInput({
        title: "Vision Transformers with Soft Inductive Biases",
        abstract: "Gated attention.",
      }),
      makePaperInput({
        title: "<script>alert(1)</script> diffusion exploit",
        abstract: "A diffusion <b>attack</b>.",
      }),
      makePaperInput({ title: "Über große Modelle", abstract: "Naïve Bayes für Sprachmodelle." }),
      makePaperInput({ title: "Lock-free queues in C++", abstract: "Atomics." }),
      makePaperInput({ title: "Vitamin C and sleep", abstract: "Appendix C lists the data." }),
      makePaperInput({ id: "2509.09672", title: "Pasted by id" }),
    ]);
  });
  afterAll(() => t.close());

  it("opens the paper whose arXiv id or address is pasted into the search box", async () => {
    for (const q of ["2509.09672", " arXiv:2509.09672v2 ", "https://arxiv.org/abs/2509.09672v1"]) {
      const response = await t.app.inject(`/search?q=${encodeURIComponent(q)}`);
      expect(response.statusCode, q).toBe(303);
      expect(response.headers.location).toBe("/papers/2509.09672");
    }
    const missing = await t.app.inject("/search?q=2509.99999");
    expect(missing.statusCode).toBe(200);
    expect(missing.body).toContain(
      "arXiv:2509.99999 is not here yet: submit it to add it (/submit?paper=2509.99999).",
    );
    expect((await t.app.inject("/search?q=2509.09672+diffusion")).statusCode).toBe(200);
  });

  it("shows ranked results with highlighted titles and snippets", async () => {
    const response = await t.app.inject("/search?q=locality+diffusion");
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toMatch(/\d+ papers? found/);
    expect(html).toContain("<mark>Locality</mark>");
    expect(html).toContain("<mark>locality</mark>");
    expect(html).toContain('value="locality diffusion"');
    expect(html).toContain("1 paper found");
    expect(html).not.toContain("diffusion exploit");
  });

  it("escapes data inside highlighted results", async () => {
    const html = (await t.app.inject("/search?q=diffusion")).body;
    expect(html).toContain("&lt;script>alert(1)&lt;/script>");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<b>attack</b>");
  });

  it("degrades a malformed query to plain words with a notice", async () => {
    const response = await t.app.inject(`/search?q=${encodeURIComponent('"locality diffusion')}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Unbalanced quote ignored");
    expect(response.body).toContain("<mark>Locality</mark>");
  });

  it("finds papers saying C++ for a C++ search, not every paper with a letter c", async () => {
    const html = (await t.app.inject(`/search?q=${encodeURIComponent("C++")}`)).body;
    expect(html).toContain("1 paper found — “C++”");
    expect(html).toContain("Lock-free queues in <mark>C++</mark>");
    expect(html).not.toContain("Vitamin C");
    const api = (await t.app.inject(`/api/search?q=${encodeURIComponent("vitamin -C++")}`)).json();
    expect(api.hits.map((hit: { paper: { title: string } }) => hit.paper.title)).toEqual([
      "Vitamin C and sleep",
    ]);
  });

  it("finds unicode words", async () => {
    const response = await t.app.inject(`/search?q=${encodeURIComponent("große")}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Über");
  });

  it("says so when nothing matches", async () => {
    const response = await t.app.inject("/search?q=zebrafish");
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("No papers match");
  });

  it.each(["/search", "/search?q=", "/search?q=+++", "/search?q=%22%22"])(
    "helps with an empty query at %s",
    async (url) => {
      const response = await t.app.inject(url);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain("Search titles, abstracts and authors");
    },
  );

  it.each(["relevance", "date", "upvotes"])(
    "says a page past the end is past the end, with a link to the last page, sorted by %s",
    async (sort) => {
      const sorted = sort === "relevance" ? "" : `&sort=${sort}`;
      const html = (await t.app.inject(`/search?q=diffusion${sorted}&page=5`)).body;
      expect(html).toContain("2 papers found");
      expect(html).toContain("No papers on this page: it is past the last one (1 page of results).");
      expect(html).toContain(
        `<a href="/search?q=diffusion${sorted.replace("&", "&amp;")}">Go to the last page</a>`,
      );
      expect(html).not.toContain("No papers match");
    },
  );

  it("applies the filter fields and the query's own filters, keeping them in the form and page links", async () => {
    const html = (await t.app.inject("/search?q=diffusion+year:2025&category=cs.lg&sort=date")).body;
    expect(html).toContain("Locality in Image");
    expect(html).toContain('value="cs.lg"');
    expect(html).toMatch(/<option value="date" selected/);
    const none = (await t.app.inject("/search?q=diffusion&category=math")).body;
    expect(none).toContain("No papers match");
    expect(none).not.toContain("Locality in Image");
  });

  it.each(["-diffusion", "-diffusion -locality"])(
    "says what to add to a query of exclusions alone (%s): on the page, in the API, feeds and exports",
    async (text) => {
      const page = await t.app.inject(`/search?q=${encodeURIComponent(text)}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(
        `<p class="notice">Nothing to leave out from: “${text}” only excludes papers`,
      );
      expect(page.body).toContain("Search titles, abstracts and authors");
      const api = await t.app.inject(`/api/search?q=${encodeURIComponent(text)}`);
      expect(api.statusCode).toBe(400);
      expect(api.json().error.message).toContain(`“${text}” only excludes papers`);
      for (const url of ["/feeds/search.rss", "/export/search.bib"]) {
        const refused = await t.app.inject(`${url}?q=${encodeURIComponent(text)}`);
        expect(refused.statusCode, url).toBe(400);
        expect(refused.body, url).toContain(`“${text}” only excludes papers`);
      }
    },
  );

  it("excludes words from a filter-only search", async () => {
    const html = (await t.app.inject("/search?q=cat:cs.LG+-diffusion")).body;
    expect(html).toContain("Vision Transformers");
    expect(html).not.toContain("Locality in Image");
    expect(html).not.toContain("Nothing to leave out from");
  });

  it("drops an unreadable filter field with a notice instead of failing", async () => {
    const response = await t.app.inject("/search?q=locality&category=astrology&from=yesterday");
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("is not an arXiv category");
    expect(response.body).toContain("is not a day");
    expect(response.body).toContain("<mark>Locality</mark>");
    // The heading and the trend say what was searched for; the form keeps what was typed, to be mended.
    expect(response.body).not.toContain("in astrology");
    expect(response.body).not.toContain("from yesterday");
    expect(response.body).toContain("“locality”");
    expect(response.body).toContain('value="astrology"');
  });

  it("says so when the day range runs backwards, which no paper can match", async () => {
    const response = await t.app.inject("/search?q=locality&from=2025-12-31&to=2025-01-01");
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(
      '<p class="notice">No paper can match: the range starts on 2025-12-31, after it ends on 2025-01-01. Swap the two days to search between them.</p>',
    );
    // Typed in the query too, and for a single day, there is nothing to say.
    const typed = await t.app.inject("/search?q=locality+after:2025-12-31&to=2025-01-01");
    expect(typed.body).toContain("No paper can match: the range starts on 2025-12-31");
    const oneDay = await t.app.inject("/search?q=locality&from=2025-01-01&to=2025-01-01");
    expect(oneDay.body).not.toContain("No paper can match");
  });

  it("answers a bad page number with a 400 page", async () => {
    expect((await t.app.inject("/search?q=locality&page=0")).statusCode).toBe(400);
    expect((await t.app.inject("/search?q=locality&page=x")).statusCode).toBe(400);
  });

  it("never answers hostile queries with a 5xx", async () => {
    for (const text of [...HOSTILE_STRINGS, "-", "--", '""', "-locality", "a".repeat(600)]) {
      const response = await t.app.inject(`/search?q=${encodeURIComponent(text)}`);
      expect(response.statusCode, text.slice(0, 40)).toBe(200);
      expect(response.body).not.toContain("<script>alert(1)");
    }
  });

  it("notes when a very long query was shortened", async () => {
    const response = await t.app.inject(`/search?q=${"locality ".repeat(80)}`);
    expect(response.body).toContain("Query shortened");
  });
});
