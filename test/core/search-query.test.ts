import { describe, expect, it } from "vitest";
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
