import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePaperInput } from "../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "./build-app.js";
import { csrfTokenIn, signIn } from "./community/browser-session.js";

const KATEX_CSS = /<link rel="stylesheet" href="(\/static\/katex\/katex\.min\.css\?v=[\d.]+)"\/><\/head>/;

describe("math and code links on cards and paper pages", () => {
  let t: CommunityTestApp;
  beforeAll(async () => {
    t = await buildCommunityTestApp([
      makePaperInput({
        id: "2509.00301",
        title: "Sorting in $O(n \\log n)$ comparisons",
        abstract: "We prove $$\\sum_i x_i \\le 1$$ for all inputs. Code: https://github.com/ada/sorter.",
        listingDay: "2025-09-11",
      }),
      makePaperInput({
        id: "2509.00302",
        title: "Plain words only",
        abstract: "It costs $5, not $10. Nothing to typeset here.",
        comments: "10 pages; data at https://gitlab.com/lab/data and https://github.com/lab/tools",
        listingDay: "2025-09-10",
      }),
      makePaperInput({
        id: "2509.00304",
        title: "A \\textbf{L}azy ``cache''",
        abstract: "We cut costs by 40\\% with \\emph{lazy} learning and a ``running sum''.",
        listingDay: "2025-09-08",
      }),
      makePaperInput({
        id: "2509.00303",
        title: "Hostile $\\href{javascript:alert(1)}{x}$ and $<script>alert(2)</script>$",
        abstract: "Nothing.",
        listingDay: "2025-09-09",
      }),
    ]);
  });
  afterAll(() => t.close());

  it("typesets math in titles and abstracts on the server, loading KaTeX's stylesheet only there", async () => {
    const home = (await t.app.inject("/")).body;
    expect(home).toContain('<span class="katex">');
    expect(home).toContain('<annotation encoding="application/x-tex">O(n \\log n)</annotation>');
    const stylesheet = KATEX_CSS.exec(home)?.[1];
    expect(stylesheet).toBeDefined();
    const css = await t.app.inject(stylesheet ?? "");
    expect(css.statusCode).toBe(200);
    const font = /url\((fonts\/KaTeX_Main-Regular\.woff2)\)/.exec(css.body)?.[1];
    expect((await t.app.inject(`/static/katex/${font}`)).statusCode).toBe(200);

    const paper = (await t.app.inject("/papers/2509.00301")).body;
    expect(paper).toMatch(/<h1 id="paper-title">Sorting in <span><span class="katex">/);
    expect(paper).toContain('<span class="math-display"><span class="katex-display">');
    expect(paper).toMatch(KATEX_CSS);

    const plain = (await t.app.inject("/days/2025-09-10")).body;
    expect(plain).toContain("It costs $5, not $10.");
    expect(plain).not.toContain("katex");
  });

  it("prints TeX's text-mode emphasis, quotes and escaped specials as words on cards, pages and search", async () => {
    for (const url of ["/days/2025-09-08", "/papers/2509.00304", "/search?q=lazy"]) {
      const html = (await t.app.inject(url)).body;
      expect(html, url).toMatch(/A (<mark>)?Lazy(<\/mark>)? \u201Ccache\u201D/);
      expect(html, url).toContain("40%");
      expect(html, url).toContain("\u201Crunning sum\u201D");
      expect(html, url).not.toContain("\\textbf");
      expect(html, url).not.toContain("\\emph");
    }
  });

  it("typesets math in search results' titles and snippets, keeping the highlights around it", async () => {
    const html = (await t.app.inject("/search?q=sorting")).body;
    expect(html).toMatch(
      /<a href="\/papers\/2509.00301"><mark>Sorting<\/mark> in <span><span class="katex">/,
    );
    expect(html).toMatch(KATEX_CSS);
    expect((await t.app.inject("/search?q=plain")).body).toContain("<mark>Plain</mark> words only");

    // "inputs" is outside the formula; "sum" is inside it: the formula is marked whole, its TeX intact.
    const snippet = (await t.app.inject("/search?q=inputs")).body;
    expect(snippet).toContain("for all <mark>inputs</mark>.");
    expect(snippet).toContain('<annotation encoding="application/x-tex">\\sum_i x_i \\le 1</annotation>');
    expect(snippet).not.toContain("$$");
    const inside = (await t.app.inject("/search?q=sum")).body;
    expect(inside).toMatch(/We prove <mark><span><span class="katex">/);
  });

  it("typesets math in the titles listed on a member's profile", async () => {
    const ada = await signIn(t, "ada@example.org");
    const csrf = csrfTokenIn((await ada.get("/papers/2509.00301")).body);
    expect((await ada.post("/papers/2509.00301/vote", { action: "add", _csrf: csrf })).statusCode).toBe(303);
    const profile = (await ada.get("/me")).body;
    expect(profile).toMatch(/<a href="\/papers\/2509.00301">Sorting in <span><span class="katex">/);
    expect(profile).not.toContain("$O(n");
  });

  it("keeps hostile TeX inert", async () => {
    const html = (await t.app.inject("/papers/2509.00303")).body;
    expect(html).toContain('<span class="katex">');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toContain("<script>alert(2)");
  });

  it("links code repositories from the abstract and comments on cards and paper pages", async () => {
    const home = (await t.app.inject("/")).body;
    expect(home).toContain(
      '<a class="card-code" href="https://github.com/ada/sorter" rel="noopener">Code</a>',
    );
    const one = (await t.app.inject("/papers/2509.00301")).body;
    expect(one).toContain(
      '<a class="button button-secondary" href="https://github.com/ada/sorter" rel="noopener">Code</a>',
    );
    const two = (await t.app.inject("/papers/2509.00302")).body;
    expect(two).toContain('href="https://gitlab.com/lab/data" rel="noopener">Code: lab/data</a>');
    expect(two).toContain('href="https://github.com/lab/tools" rel="noopener">Code: lab/tools</a>');
    expect((await t.app.inject("/papers/2509.00303")).body).not.toContain(">Code");
  });
});
