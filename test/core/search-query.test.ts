import { describe, expect, it } from "vitest";
import { NO_FILTERS } from "../../src/core/search-filters.js";
import {
  exclusionsOnlyNotice,
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  holdsLiterals,
  isEmptyQuery,
  markNamesWhole,
  parseSearchQuery,
  splitHighlightedMath,
  splitHighlights,
} from "../../src/core/search-query.js";

describe("parseSearchQuery", () => {
  it("reads words, phrases and exclusions", () => {
    expect(parseSearchQuery('Locality "inductive bias" -convolution')).toEqual({
      terms: ["locality"],
      phrases: [["inductive", "bias"]],
      excluded: ["convolution"],
      literals: [],
      excludedLiterals: [],
      filters: NO_FILTERS,
      notice: null,
    });
  });

  it("leaves out a quoted word after a minus, and says a phrase cannot be left out instead of requiring it", () => {
    const word = parseSearchQuery('diffusion -"image"');
    expect(word).toMatchObject({ terms: ["diffusion"], excluded: ["image"], phrases: [], notice: null });
    const name = parseSearchQuery('compilers -"C++"');
    expect(name).toMatchObject({
      terms: ["compilers"],
      excluded: [],
      excludedLiterals: ["c++"],
      literals: [],
    });
    const phrase = parseSearchQuery('diffusion -"image generation" "score matching"');
    expect(phrase).toMatchObject({
      terms: ["diffusion"],
      phrases: [["score", "matching"]],
      excluded: [],
      notice: 'Phrases cannot be left out yet: -"image generation" was ignored (leave out a word: -image).',
    });
  });

  it("ignores a negated filter with a notice, instead of leaving out its words", () => {
    const query = parseSearchQuery('diffusion -cat:cs.CV -author:"Yann LeCun" cat:cs.LG');
    expect(query).toMatchObject({ terms: ["diffusion"], excluded: [] });
    expect(query.filters.categories).toEqual(["cs.LG"]);
    expect(query.filters.authors).toEqual([]);
    expect(query.notice).toBe(
      'Filters cannot be negated: -cat:cs.CV was ignored. Filters cannot be negated: -author:"Yann LeCun" was ignored.',
    );
  });

  it("drops stopwords unless nothing else is left", () => {
    expect(parseSearchQuery("the role of locality").terms).toEqual(["role", "locality"]);
    expect(parseSearchQuery("the of").terms).toEqual(["the", "of"]);
  });

  it("reads an unbalanced quote as plain text with a notice", () => {
    const query = parseSearchQuery('"diffusion models');
    expect(query.terms).toEqual(["diffusion", "models"]);
    expect(query.notice).toMatch(/quote/i);
  });

  it("keeps only words from engine syntax and unicode text", () => {
    expect(parseSearchQuery("NEAR(a* ^b) OR: title:x").terms).toEqual(["near", "b", "title", "x"]);
    expect(parseSearchQuery("Schrödinger 量子").terms).toEqual(["schrödinger", "量子"]);
    expect(isEmptyQuery(parseSearchQuery("  -- ** ()"))).toBe(true);
  });

  it("bounds long input", () => {
    const query = parseSearchQuery("word ".repeat(500));
    expect(query.notice).toMatch(/shortened/);
    expect(query.terms).toEqual(["word"]);
  });
});

describe("names with symbols", () => {
  it("keeps C++, C# and F# as literals beside their letters, wherever they stand", () => {
    const query = parseSearchQuery('C++ templates (C#), "modern F# code" -Q# -legacy');
    expect(query.terms).toEqual(["c", "templates"]);
    expect(query.literals).toEqual(["f#", "c++", "c#"]);
    expect(query.phrases).toEqual([["modern", "f", "code"]]);
    expect(query.excluded).toEqual(["legacy"]);
    expect(query.excludedLiterals).toEqual(["q#"]);
  });

  it("reads other symbols as before", () => {
    for (const text of ["c+", "a+b", "c++11x", "#hashtag", "++", "x-#", "数#"]) {
      expect(parseSearchQuery(text).literals, text).toEqual([]);
    }
    expect(parseSearchQuery("vitamin c").literals).toEqual([]);
  });

  it("needs something to search in for an excluded name alone", () => {
    expect(exclusionsOnlyNotice(parseSearchQuery("-C#"))).toContain("“-c#” only excludes papers");
  });

  it("holds a literal in the title or abstract, ASCII case aside", () => {
    const query = parseSearchQuery("C++ -C#");
    expect(holdsLiterals({ title: "Fast C++ code", abstract: "" }, query)).toBe(true);
    expect(holdsLiterals({ title: "Code", abstract: "in c++17 and Rust" }, query)).toBe(true);
    expect(holdsLiterals({ title: "Vitamin C", abstract: "C is good." }, query)).toBe(false);
    expect(holdsLiterals({ title: "C++ and C# compared", abstract: "" }, query)).toBe(false);
  });
});

describe("markNamesWhole", () => {
  const mark = (text: string) => `${HIGHLIGHT_START}${text}${HIGHLIGHT_END}`;

  it("widens the mark on a name's letters over its symbols, in any case, wherever it stands", () => {
    const query = parseSearchQuery("c++ C# templates");
    expect(markNamesWhole(`Fast ${mark("C")}++ and ${mark("c")}# ${mark("templates")}`, query)).toBe(
      `Fast ${mark("C++")} and ${mark("c#")} ${mark("templates")}`,
    );
    expect(markNamesWhole(`${mark("C")}++, then ${mark("C")}++17`, query)).toBe(
      `${mark("C++")}, then ${mark("C++")}17`,
    );
  });

  it("leaves marks alone where the query has no such name, or the symbols do not follow", () => {
    expect(markNamesWhole(`${mark("C")}++`, parseSearchQuery("C templates"))).toBe(`${mark("C")}++`);
    const query = parseSearchQuery("C#");
    expect(markNamesWhole(`${mark("C")}++ and ${mark("C")} #`, query)).toBe(
      `${mark("C")}++ and ${mark("C")} #`,
    );
    expect(markNamesWhole(`${mark("C++ code")}`, parseSearchQuery('"C++ code"'))).toBe(mark("C++ code"));
  });
});

describe("exclusionsOnlyNotice", () => {
  it("tells a query of exclusions alone what to add, naming what it leaves out", () => {
    const notice = exclusionsOnlyNotice(parseSearchQuery("-diffusion -GAN"));
    expect(notice).toContain("“-diffusion -gan” only excludes papers");
    expect(notice).toContain("“attention -diffusion -gan”");
    expect(notice).toContain("“cat:cs.LG -diffusion -gan”");
  });

  it("says nothing where there is something to exclude from, or nothing excluded", () => {
    expect(exclusionsOnlyNotice(parseSearchQuery("attention -diffusion"))).toBeNull();
    expect(exclusionsOnlyNotice(parseSearchQuery("cat:cs.LG -diffusion"))).toBeNull();
    expect(exclusionsOnlyNotice(parseSearchQuery(""))).toBeNull();
    expect(exclusionsOnlyNotice(parseSearchQuery("- --"))).toBeNull();
  });
});

describe("parseSearchQuery with fields", () => {
  it("takes filters out of the words", () => {
    const query = parseSearchQuery('locality author:"Yann LeCun" cat:cs.lg year:2020-2023 bias');
    expect(query.terms).toEqual(["locality", "bias"]);
    expect(query.filters).toEqual({
      categories: ["cs.LG"],
      authors: [["yann", "lecun"]],
      from: "2020-01-01",
      to: "2023-12-31",
    });
    expect(query.notice).toBeNull();
  });

  it("is a query with filters and no words", () => {
    const query = parseSearchQuery("author:hinton");
    expect(query.terms).toEqual([]);
    expect(isEmptyQuery(query)).toBe(false);
  });

  it("degrades an unreadable field to words with a notice", () => {
    const query = parseSearchQuery("attention cat:astrology year:soon");
    expect(query.terms).toEqual(["attention", "astrology", "soon"]);
    expect(query.filters).toEqual(NO_FILTERS);
    expect(query.notice).toMatch(/cat:astrology.*year:soon/);
  });
});

describe("splitHighlights", () => {
  it("splits marked text into segments", () => {
    const text = `Local ${HIGHLIGHT_START}linear${HIGHLIGHT_END} attention`;
    expect(splitHighlights(text)).toEqual([
      { text: "Local ", matched: false },
      { text: "linear", matched: true },
      { text: " attention", matched: false },
    ]);
  });
});

describe("splitHighlightedMath", () => {
  const TEX_QUOTED = "``sums''";
  const marked = (word: string) => `${HIGHLIGHT_START}${word}${HIGHLIGHT_END}`;

  it("takes the marks out of formulas, marking a formula with a matched word whole", () => {
    expect(
      splitHighlightedMath(`Bounds in $O(n ${marked("log")} n)$ for ${marked("sorting")} \\$5 keys`),
    ).toEqual([
      { kind: "text", text: "Bounds in ", matched: false },
      { kind: "math", tex: "O(n log n)", display: false, matched: true },
      { kind: "text", text: " for ", matched: false },
      { kind: "text", text: "sorting", matched: true },
      { kind: "text", text: " $5 keys", matched: false },
    ]);
  });

  it("drops an emphasis command that a mark splits, keeping the marked word", () => {
    expect(
      splitHighlightedMath(`with \\emph{${marked("lazy")}} and \\textbf{L}${marked("azy")} ${TEX_QUOTED}`),
    ).toEqual([
      { kind: "text", text: "with ", matched: false },
      { kind: "text", text: "lazy", matched: true },
      { kind: "text", text: " and L", matched: false },
      { kind: "text", text: "azy", matched: true },
      { kind: "text", text: " \u201Csums\u201D", matched: false },
    ]);
  });

  it("leaves a formula cut by the snippet's edge as text", () => {
    expect(splitHighlightedMath(`…so $x^2 ${marked("grows")}`)).toEqual([
      { kind: "text", text: "…so $x^2 ", matched: false },
      { kind: "text", text: "grows", matched: true },
    ]);
  });
});
