import { describe, expect, it } from "vitest";
import {
  DEFAULT_FUSION,
  denseWeightFor,
  fuseCandidates,
  titleBoostApplies,
  titleBoosts,
  titleShareFor,
  titleSimilarity,
  titleWordMatch,
} from "../../src/search/fusion.js";
import { HashedEmbedder } from "../support/hashed-embedder.js";

const LEXICAL = [
  { paperId: "a", score: 10 },
  { paperId: "b", score: 9 },
  { paperId: "c", score: 1 },
];

describe("fuseCandidates", () => {
  it("ranks by BM25 alone at weight 0", () => {
    const fused = fuseCandidates(LEXICAL, [{ paperId: "d", similarity: 0.9 }], 0, new Map([["b", 0.8]]));
    expect(fused.map((c) => c.paperId)).toEqual(["a", "b", "c"]);
  });

  it("reorders word matches by their own cosine when the dense side did not return them", () => {
    const dense = [{ paperId: "d", similarity: 0.9 }];
    const similarities = new Map([
      ["a", 0.1],
      ["b", 0.8],
      ["c", 0.2],
    ]);
    const fused = fuseCandidates(LEXICAL, dense, 0.5, similarities);
    // Cosines min-max over all four: d 1, b 0.875, c 0.125, a 0; BM25: a 1, b 0.889, c 0.
    expect(fused.map((c) => c.paperId)).toEqual(["b", "a", "d", "c"]);
    expect(fused[0]!.score).toBeCloseTo(0.5 * (8 / 9) + 0.5 * 0.875, 6);
    expect(fused.find((c) => c.paperId === "b")).toMatchObject({ lexical: true, dense: false });
    expect(fused.find((c) => c.paperId === "d")).toMatchObject({ lexical: false, dense: true });
    // Without the candidates' cosines they sit at the dense side's floor and BM25 decides among them.
    const floor = fuseCandidates(LEXICAL, dense, 0.5);
    expect(floor.map((c) => c.paperId)).toEqual(["a", "d", "b", "c"]);
  });

  it("adds each candidate's title boost, with or without the dense side", () => {
    const boosts = new Map([
      ["c", 1.5],
      ["e", 5],
    ]);
    const lexicalOnly = fuseCandidates(LEXICAL, [], 0, new Map(), boosts);
    expect(lexicalOnly.map((c) => c.paperId)).toEqual(["c", "a", "b"]);
    expect(lexicalOnly[0]!.score).toBeCloseTo(1.5, 9);
    // A boost for a paper neither side returned adds nothing.
    const fused = fuseCandidates(LEXICAL, [{ paperId: "d", similarity: 0.9 }], 0.5, new Map(), boosts);
    expect(fused.map((c) => c.paperId)).toEqual(["c", "a", "d", "b"]);
  });

  it("marks papers both sides returned", () => {
    const fused = fuseCandidates(LEXICAL, [{ paperId: "a", similarity: 0.5 }], 0.2);
    expect(fused[0]).toMatchObject({ paperId: "a", lexical: true, dense: true });
  });
});

describe("titleSimilarity", () => {
  it("is the cosine of the query's vector to the title's", () => {
    const embedder = new HashedEmbedder({ synonyms: { car: "automobile" } });
    const query = embedder.embed("automobile engines");
    const similarity = (title: string) => titleSimilarity(query, embedder.embed(title));
    expect(similarity("Automobile engines")).toBeCloseTo(1, 6);
    // "car" reads as "automobile": the title shares no word with the query, yet means the same.
    expect(similarity("Car engines")).toBeCloseTo(1, 6);
    expect(similarity("Engines")).toBeCloseTo(Math.SQRT1_2, 6);
    expect(similarity("Bread baking")).toBeLessThan(similarity("Engines"));
  });

  it("counts an opposed title as no match rather than a negative one", () => {
    const query = new Float32Array([1, 0]);
    expect(titleSimilarity(query, new Float32Array([-1, 0]))).toBe(0);
    expect(titleSimilarity(query, new Float32Array([0.6, 0.8]))).toBeCloseTo(0.6, 6);
  });
});

describe("denseWeightFor", () => {
  const settings = {
    denseWeight: 0.4,
    minCoverage: 0.5,
    depth: 30,
    titleWeight: 0,
    titlePower: 2,
    titleWordWeight: 0,
    titleQueryWords: { full: 6, none: 12 },
    titleDepth: 300,
  };
  it("is 0 up to minCoverage and rises linearly to denseWeight at full coverage", () => {
    expect(denseWeightFor(0.5, settings)).toBe(0);
    expect(denseWeightFor(0.75, settings)).toBeCloseTo(0.2, 9);
    expect(denseWeightFor(1, settings)).toBeCloseTo(0.4, 9);
  });
});

describe("titleShareFor", () => {
  const settings = {
    denseWeight: 0.1,
    minCoverage: 0.8,
    depth: 30,
    titleWeight: 3,
    titlePower: 2,
    titleWordWeight: 0,
    titleQueryWords: { full: 6, none: 12 },
    titleDepth: 300,
  };
  it("is whole for short queries and falls linearly to 0 for long ones", () => {
    expect(titleShareFor(1, settings)).toBe(1);
    expect(titleShareFor(6, settings)).toBe(1);
    expect(titleShareFor(9, settings)).toBeCloseTo(0.5, 9);
    expect(titleShareFor(12, settings)).toBe(0);
    expect(titleShareFor(30, settings)).toBe(0);
  });

  it("is 0 for a query of filters alone", () => {
    expect(titleShareFor(0, settings)).toBe(0);
  });
});

describe("titleWordMatch", () => {
  const query = new Set(["sparse", "attention"]);
  it("is the cube of the query's share the title holds, when the title holds nothing else", () => {
    expect(titleWordMatch(query, ["sparse", "attention"])).toBe(1);
    expect(titleWordMatch(query, ["attention"])).toBe(0.125);
    expect(titleWordMatch(query, ["dense", "retrieval"])).toBe(0);
    expect(titleWordMatch(new Set(), ["sparse"])).toBe(0);
  });

  it("discounts a little for each of the title's other words", () => {
    const short = titleWordMatch(query, ["sparse", "attention", "revisited"]);
    const long = titleWordMatch(query, "sparse attention for long documents in vision".split(" "));
    expect(short).toBeCloseTo(3 / 3.1, 9);
    expect(long).toBeCloseTo(3 / 3.5, 9);
    // Holding every word of the query outweighs brevity: a long title with both beats a short one with one.
    expect(long).toBeGreaterThan(titleWordMatch(query, ["attention"]));
    // Repeating a query word does not count it twice.
    expect(titleWordMatch(query, ["sparse", "sparse"])).toBe(0.125);
  });
});

describe("titleBoostApplies", () => {
  it("applies with the word match, or with the title model's weight where a title model is loaded", () => {
    const modelOnly = { ...DEFAULT_FUSION, titleWeight: 2, titleWordWeight: 0 };
    expect(titleBoostApplies(modelOnly, true)).toBe(true);
    expect(titleBoostApplies(modelOnly, false)).toBe(false);
    const wordsOnly = { ...DEFAULT_FUSION, titleWeight: 0, titleWordWeight: 3 };
    expect(titleBoostApplies(wordsOnly, false)).toBe(true);
    expect(titleBoostApplies({ ...wordsOnly, titleWordWeight: 0 }, true)).toBe(false);
  });
});

describe("titleBoosts", () => {
  const query = { text: "sparse patterns", words: new Set(["sparse", "patterns"]) };
  const titles = new Map([
    ["whole", "Sparse patterns"],
    ["half", "Patterns"],
  ]);
  const settings = { ...DEFAULT_FUSION, titleWeight: 2, titlePower: 2, titleWordWeight: 3 };
  const titleModel = new HashedEmbedder({ modelId: "test-titles" });

  it("adds the weighted title similarity and word match, times the query's title share", () => {
    const boosts = titleBoosts(query, titles, 0.5, settings, titleModel);
    // "Sparse patterns": cosine 1, every word held: 0.5 · (2 · 1² + 3 · 1).
    expect(boosts.get("whole")).toBeCloseTo(2.5, 6);
    // "Patterns": cosine √½, half the words held (cubed: 1/8, no other word): 0.5 · (2 · ½ + 3 · ⅛).
    expect(boosts.get("half")).toBeCloseTo(0.6875, 6);
  });

  it("keeps the word match without a title model, or with its weight at 0", () => {
    for (const boosts of [
      titleBoosts(query, titles, 0.5, settings),
      titleBoosts(query, titles, 0.5, { ...settings, titleWeight: 0 }, titleModel),
    ]) {
      expect(boosts.get("whole")).toBeCloseTo(1.5, 6);
      expect(boosts.get("half")).toBeCloseTo(0.1875, 6);
    }
  });

  it("boosts nothing for a query with no title share", () => {
    expect(titleBoosts(query, titles, 0, settings, titleModel).size).toBe(0);
  });
});
