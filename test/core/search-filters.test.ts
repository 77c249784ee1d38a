import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/core/paper.js";
import { authorNameWords, hasFilters, matchesFilters, NO_FILTERS } from "../../src/core/search-filters.js";

const paper = {
  id: "2401.00001",
  title: "Local attention",
  authors: ["Jürgen Müller", "Ada Lovelace"],
  categories: ["cs.LG", "stat.ML"],
  day: "2024-01-15",
} as Paper;

describe("matchesFilters", () => {
  it("lets every paper through without filters", () => {
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(matchesFilters(paper, NO_FILTERS)).toBe(true);
  });

  it("matches a category, its archive, and any of several", () => {
    expect(matchesFilters(paper, { ...NO_FILTERS, categories: ["stat.ML"] })).toBe(true);
    expect(matchesFilters(paper, { ...NO_FILTERS, categories: ["cs"] })).toBe(true);
    expect(matchesFilters(paper, { ...NO_FILTERS, categories: ["math", "cs.CV"] })).toBe(false);
    expect(matchesFilters(paper, { ...NO_FILTERS, categories: ["math", "cs.LG"] })).toBe(true);
    expect(matchesFilters(paper, { ...NO_FILTERS, categories: ["c"] })).toBe(false);
  });

  it("needs every author entry to match one author's name words", () => {
    expect(matchesFilters(paper, { ...NO_FILTERS, authors: [["muller"]] })).toBe(true);
    expect(matchesFilters(paper, { ...NO_FILTERS, authors: [["jurgen", "muller"], ["lovelace"]] })).toBe(
      true,
    );
    expect(matchesFilters(paper, { ...NO_FILTERS, authors: [["ada", "muller"]] })).toBe(false);
    expect(matchesFilters(paper, { ...NO_FILTERS, authors: [["mull"]] })).toBe(false);
  });

  it("compares name words in base letters, whatever letter an accent sits on", () => {
    expect(authorNameWords("Łukasz Müller-Straße, Øyvind")).toEqual([
      "lukasz",
      "muller",
      "strasse",
      "oyvind",
    ]);
    const polish = { ...paper, authors: ["Łukasz Kaiser"] } as Paper;
    expect(
      matchesFilters(polish, { ...NO_FILTERS, authors: authorNameWords("Lukasz Kaiser").map((w) => [w]) }),
    ).toBe(true);
  });

  it("keeps days inside inclusive bounds", () => {
    expect(matchesFilters(paper, { ...NO_FILTERS, from: "2024-01-15", to: "2024-01-15" })).toBe(true);
    expect(matchesFilters(paper, { ...NO_FILTERS, from: "2024-01-16" })).toBe(false);
    expect(matchesFilters(paper, { ...NO_FILTERS, to: "2024-01-14" })).toBe(false);
  });
});
