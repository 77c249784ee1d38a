import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/core/paper.js";
import { selectPersonal, selectTrending } from "../../src/digest/selection.js";
import { NO_TOPICS, parseTopics, TopicsError } from "../../src/digest/topics.js";
import { makePaperInput } from "../support/paper-factory.js";

function paper(overrides: Partial<Paper>): Paper {
  return { ...makePaperInput(overrides), day: "2025-09-11", latestVersion: 1, ...overrides };
}

const diffusion = paper({
  id: "2509.00001",
  title: "Diffusion models for protein design",
  abstract: "We train a diffusion model on structures.",
  categories: ["q-bio.BM", "cs.LG"],
  authors: ["Jane Q. Doe"],
  upvotes: 3,
});
const locality = paper({
  id: "2509.00002",
  title: "Locality-sensitive hashing revisited",
  abstract: "Locality sensitive hashing with diffusion of hashes.",
  categories: ["cs.DS"],
  upvotes: 10,
});
const survey = paper({
  id: "2509.00003",
  title: "A survey of diffusion models",
  abstract: "This survey covers diffusion models.",
  categories: ["cs.LG"],
  upvotes: 50,
});
const unrelated = paper({
  id: "2509.00004",
  title: "Galaxy rotation curves",
  abstract: "Dark matter.",
  categories: ["astro-ph.GA"],
});
const ALL = [diffusion, locality, survey, unrelated];

describe("personal selection", () => {
  it("picks only papers matching a topic, with the reasons", () => {
    const picks = selectPersonal(ALL, { ...NO_TOPICS, keywords: ["diffusion"], categories: ["cs.DS"] }, 10);
    expect(picks.map((pick) => pick.paper.id)).toEqual(["2509.00002", "2509.00003", "2509.00001"]);
    expect(picks[0]?.reasons).toEqual(["category: cs.DS", "keyword: diffusion"]);
    expect(picks[1]?.reasons).toEqual(["keyword: diffusion"]);
  });

  it("matches keywords as whole words and phrases, not inside other words", () => {
    // "diffusion model" is in 00001's abstract; 00003 only says "diffusion models"; "hash" is in no paper.
    const picks = selectPersonal(ALL, { ...NO_TOPICS, keywords: ["diffusion model", "hash"] }, 10);
    expect(picks.map((pick) => pick.paper.id)).toEqual(["2509.00001"]);
  });

  it("excludes papers with a negative keyword whatever else they match", () => {
    const picks = selectPersonal(
      ALL,
      { ...NO_TOPICS, keywords: ["diffusion"], negativeKeywords: ["survey"] },
      10,
    );
    expect(picks.map((pick) => pick.paper.id)).not.toContain("2509.00003");
    expect(picks).toHaveLength(2);
  });

  it("matches authors by name words and saved searches in the search language", () => {
    const byAuthor = selectPersonal(ALL, { ...NO_TOPICS, authors: ["Doe"] }, 10);
    expect(byAuthor.map((pick) => [pick.paper.id, pick.reasons])).toEqual([["2509.00001", ["author: Doe"]]]);
    const bySearch = selectPersonal(ALL, { ...NO_TOPICS, savedSearches: ['"diffusion models" -survey'] }, 10);
    expect(bySearch.map((pick) => pick.paper.id)).toEqual(["2509.00001"]);
    const byCategory = selectPersonal(ALL, { ...NO_TOPICS, savedSearches: ["diffusion cat:q-bio"] }, 10);
    expect(byCategory.map((pick) => pick.paper.id)).toEqual(["2509.00001"]);
  });

  it("matches names with symbols in saved searches as written, as the search box does", () => {
    const cpp = paper({
      id: "2509.50001",
      title: "Fast C++ templates for compilers",
      abstract: "Compilers.",
    });
    const vitamin = paper({ id: "2509.50002", title: "Vitamin C compilers", abstract: "Type C compilers." });
    const csharp = paper({ id: "2509.50003", title: "Garbage collection in C# compilers", abstract: "C#." });
    const picked = (saved: string) =>
      selectPersonal([cpp, vitamin, csharp], { ...NO_TOPICS, savedSearches: [saved] }, 10)
        .map((pick) => pick.paper.id)
        .sort();
    expect(picked("C++ compilers")).toEqual(["2509.50001"]);
    expect(picked("compilers -C#")).toEqual(["2509.50001", "2509.50002"]);
  });

  it("adds papers similar to liked ones and pushes down papers like disliked ones", () => {
    const similarities = new Map([
      ["2509.00004", { liked: 0.8 }],
      ["2509.00003", { disliked: 0.9 }],
    ]);
    const picks = selectPersonal(ALL, { ...NO_TOPICS, keywords: ["diffusion"] }, 10, { similarities });
    expect(picks.map((pick) => pick.paper.id)).toEqual([
      "2509.00004",
      "2509.00002",
      "2509.00001",
      "2509.00003",
    ]);
    expect(picks[0]?.reasons).toEqual(["like papers you upvoted or saved"]);
  });

  it("respects the size and leaves out excluded papers", () => {
    const picks = selectPersonal(ALL, { ...NO_TOPICS, keywords: ["diffusion"] }, 1, {
      exclude: new Set(["2509.00002"]),
    });
    expect(picks.map((pick) => pick.paper.id)).toEqual(["2509.00003"]);
  });
});

describe("trending selection", () => {
  it("ranks by upvotes", () => {
    expect(selectTrending(ALL, 2).map((pick) => pick.paper.id)).toEqual(["2509.00003", "2509.00002"]);
  });
});

describe("topics from the profile form", () => {
  it("splits lists, canonicalises categories and rejects unknown ones", () => {
    const topics = parseTopics({
      categories: "cs.lg, math",
      keywords: "diffusion, graph neural network\nllm",
      savedSearches: "a, b\nc",
    });
    expect(topics.categories).toEqual(["cs.LG", "math"]);
    expect(topics.keywords).toEqual(["diffusion", "graph neural network", "llm"]);
    expect(topics.savedSearches).toEqual(["a, b", "c"]);
    for (const empty of ["*", "()", '""'])
      expect(() => parseTopics({ savedSearches: empty })).toThrow(
        `Saved search "${empty}" holds no word or filter to search for.`,
      );
    expect(() => parseTopics({ categories: "cs.FOO" })).toThrow(TopicsError);
    expect(() => parseTopics({ keywords: Array.from({ length: 21 }, (_, i) => `k${i}`).join(",") })).toThrow(
      /At most 20/,
    );
  });

  it("refuses a saved search the search box could only read with a notice, saying which and why", () => {
    expect(
      parseTopics({ savedSearches: 'cat:cs.LG "exact phrase" -word\nauthor:hinton' }).savedSearches,
    ).toEqual(['cat:cs.LG "exact phrase" -word', "author:hinton"]);
    for (const [query, message] of [
      [
        "attention year:abc",
        'Saved search "attention year:abc": Could not read year:abc (try year:2024 or year:2020-2023).',
      ],
      ["cat:cs.XX attention", "Could not read cat:cs.XX (try cat:cs.LG or cat:cs)."],
      ['"unclosed phrase', "Unbalanced quote ignored."],
      ["-diffusion", "only excludes papers"],
    ]) {
      expect(() => parseTopics({ savedSearches: `author:hinton\n${query}` }), query).toThrow(message!);
    }
  });
});
