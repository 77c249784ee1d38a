import { describe, expect, it } from "vitest";
import { splitHighlights } from "../../src/core/search-query.js";
import { abstractSnippet, highlightTitle } from "../../src/store/postgres/fts5-marks.js";

const marks = (title: string | null) =>
  title === null
    ? null
    : splitHighlights(title)
        .filter((s) => s.matched)
        .map((s) => s.text);

describe("PostgreSQL marks as FTS5 makes them", () => {
  it("merges a word inside a phrase into the phrase's span and leaves other occurrences to the words", () => {
    const title = "Graph nets: graph neural networks";
    const lexemes: [string, number[]][] = [
      ["graph", [1, 3]],
      ["net", [2]],
      ["neural", [4]],
      ["network", [5]],
    ];
    expect(
      marks(highlightTitle(title, lexemes, { words: ["neural"], phrases: [["graph", "neural"]] })),
    ).toEqual(["graph neural"]);
    expect(marks(highlightTitle(title, lexemes, { words: ["graph"], phrases: [] }))).toEqual([
      "Graph",
      "graph",
    ]);
  });

  it("gives up when PostgreSQL's words do not line up with FTS5's, so the caller falls back", () => {
    // FTS5 reads "x²y" as one word; PostgreSQL's parser reads "x" and "y" and drops "²".
    expect(
      highlightTitle(
        "Bounds on x²y terms",
        [
          ["bound", [1]],
          ["on", [2]],
          ["x", [3]],
          ["y", [4]],
          ["term", [5]],
        ],
        { words: ["x"], phrases: [] },
      ),
    ).toBeNull();
    expect(highlightTitle("Two words", [["two", [1]]], { words: ["two"], phrases: [] })).toBeNull();
  });

  it("gives the snippet up too, and keeps a short abstract whole", () => {
    const lexemes: [string, number[]][] = [
      ["x", [1]],
      ["y", [2]],
    ];
    expect(abstractSnippet("x²y.", lexemes, { words: ["x"], phrases: [] })).toBeNull();
    expect(abstractSnippet("(X) y.", lexemes, { words: ["x"], phrases: [] })).toBe("(\u0002X\u0003) y.");
  });
});
