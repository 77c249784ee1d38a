import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/calendar.js";
import { HIGHLIGHT_END as E, HIGHLIGHT_START as S } from "../../src/core/search-query.js";
import { formatPeriod, formatPeriodShort } from "../../src/web/presenters/format.js";
import { presentPagination } from "../../src/web/presenters/pagination.js";
import { previewText, summariseAuthors } from "../../src/web/presenters/paper-card.js";
import { abstractParagraphs } from "../../src/web/presenters/paper-detail.js";
import { presentAuthorPage, presentCategoryPage } from "../../src/web/presenters/paper-list-page.js";
import { highlightsToHtml } from "../../src/web/presenters/search-hit.js";
import { presentSearchPage } from "../../src/web/presenters/search-page.js";

describe("presenters", () => {
  it("summarises authors: a few names then et al., or a count", () => {
    expect(summariseAuthors({ authors: ["A", "B"], authorCount: 2 })).toEqual({
      shown: ["A", "B"],
      rest: "",
    });
    expect(summariseAuthors({ authors: ["A", "B", "C", "D"], authorCount: 4 })).toEqual({
      shown: ["A", "B", "C"],
      rest: "et al.",
    });
    expect(summariseAuthors({ authors: [], authorCount: 1 })).toEqual({ shown: [], rest: "1 author" });
    expect(summariseAuthors({ authors: [], authorCount: 1234 })).toEqual({
      shown: [],
      rest: "1,234 authors",
    });
    expect(summariseAuthors({ authors: [], authorCount: null })).toEqual({ shown: [], rest: "" });
  });

  it("cuts previews at a word with an ellipsis", () => {
    expect(previewText("short   text\n", 50)).toBe("short text");
    expect(previewText("one two three four five", 12)).toBe("one two…");
  });

  it("splits abstracts into paragraphs at blank or indented lines", () => {
    expect(abstractParagraphs("a\nb\n\nc\n  d")).toEqual(["a b", "c", "d"]);
    expect(abstractParagraphs("  ")).toEqual([]);
  });

  it("turns highlight marks into escaped HTML with balanced <mark> tags", () => {
    expect(highlightsToHtml(`${S}a<b${E} & "c"`)).toBe("<mark>a&lt;b</mark> &amp; &quot;c&quot;");
    expect(highlightsToHtml(`${S}unclosed`)).toBe("<mark>unclosed</mark>");
  });

  it("formats periods for headings", () => {
    expect(formatPeriod(parsePeriod("day", "2025-09-11")!)).toBe("Thursday, September 11, 2025");
    expect(formatPeriod(parsePeriod("week", "2025-W37")!)).toBe("Week 37 · Sep 8 – Sep 14, 2025");
    expect(formatPeriod(parsePeriod("month", "2025-09")!)).toBe("September 2025");
    // A week across New Year: each end with its own year.
    expect(formatPeriod(parsePeriod("week", "1998-W53")!)).toBe("Week 53 · Dec 28, 1998 – Jan 3, 1999");
  });

  it("names periods in navigation links with their year: the neighbour may lie years away", () => {
    expect(formatPeriodShort(parsePeriod("day", "1999-01-01")!)).toBe("Jan 1, 1999");
    expect(formatPeriodShort(parsePeriod("week", "1998-W53")!)).toBe("Week 53, 1998");
    expect(formatPeriodShort(parsePeriod("month", "2025-08")!)).toBe("August 2025");
  });

  it("says when a broad query was only partly ranked", () => {
    const form = {
      q: "model",
      category: "cs.LG",
      author: "",
      from: "",
      to: "",
      sort: "date" as const,
      mode: "hybrid" as const,
    };
    const model = presentSearchPage(
      form,
      [],
      { hits: [], total: 2000, truncated: true, mode: "lexical" },
      1,
      20,
    );
    expect(model.totalText).toBe("More than 2,000 papers found");
    expect(model.truncatedNotice).toContain("newest 2,000 matches");
    expect(model.pagination?.pageCount).toBe(100);
    expect(model.pagination?.nextHref).toBe("/search?q=model&category=cs.LG&sort=date&page=2");
    expect(model.description).toBe("“model” in cs.LG");
    expect(model.filtersOpen).toBe(true);
  });

  it("says a category or author list broader than the search window holds more than it counts", () => {
    const input = { sort: "date" as const, page: 1, perPage: 30 };
    const broad = { hits: [], total: 10_000, truncated: true, mode: "lexical" as const };
    expect(presentCategoryPage("cs", { ...input, result: broad }).totalText).toBe("More than 10,000 papers");
    expect(presentAuthorPage("Wei Zhang", { ...input, result: broad }).totalText).toBe(
      "More than 10,000 papers",
    );
    expect(presentCategoryPage("cs", { ...input, page: 2, result: broad }).documentTitle).toBe(
      "Computer Science (cs) · page 2",
    );
    const one = { ...broad, total: 1, truncated: false };
    expect(presentCategoryPage("cs.LG", { ...input, result: one }).totalText).toBe("1 paper");
  });
});

describe("presentPagination", () => {
  const href = (page: number) => `/list?page=${page}`;

  it("counts the pages of a counted list, and offers none past the last", () => {
    expect(presentPagination(1, 30, 20, href)).toBeNull();
    expect(presentPagination(2, 30, 45, href)).toMatchObject({
      pageCount: 2,
      openEnded: false,
      previousHref: "/list?page=1",
      nextHref: null,
    });
  });

  it("goes on past the counted pages of a list counted only up to a cap, while its pages are full", () => {
    // 10,000 counted, 30 a page: page 334 is the last counted, and it is full.
    expect(presentPagination(334, 30, 10_000, href, { papersOnPage: 30 })).toMatchObject({
      pageCount: 334,
      openEnded: true,
      nextHref: "/list?page=335",
    });
    expect(presentPagination(340, 30, 10_000, href, { papersOnPage: 12 })).toMatchObject({
      pageCount: 340,
      openEnded: true,
      nextHref: null,
    });
    // Past the last paper: the counted pages, and the way back.
    expect(presentPagination(341, 30, 10_000, href, { papersOnPage: 0 })).toMatchObject({
      pageCount: 334,
      openEnded: false,
      previousHref: "/list?page=334",
    });
    // One page, a full one: there may be more.
    expect(presentPagination(1, 30, 10, href, { papersOnPage: 30 })?.nextHref).toBe("/list?page=2");
  });
});
