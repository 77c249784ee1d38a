import { describe, expect, it } from "vitest";
import { NO_FILTERS } from "../../src/core/search-filters.js";
import {
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  isEmptyQuery,
  parseSearchQuery,
  splitHighlights,
} from "../../src/core/search-query.js";

describe("parseSearchQuery", () => {
  it("reads words, phrases and exclusions", () => {
    expect(parseSearchQuery('Locality "inductive bias" -convolution')).toEqual({
      terms: ["locality"],
      phrases: [["inductive", "bias"]],
      excluded: ["convolution"],
      filters: NO_FILTERS,
      notice: null,
    });
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
