import { describe, expect, it } from "vitest";
import { type EvalQuery, scoreMode } from "../../scripts/eval/benchmark.js";
import { documentStore, exactIndex } from "../../scripts/eval/corpus-store.js";
import { firstSentence, knownItemQuery } from "../../scripts/eval/known-item.js";
import { ndcgAt, pairedDifferenceInterval, recallAt, reciprocalRankAt } from "../../scripts/eval/metrics.js";
import { checkBars } from "../../scripts/eval/report.js";
import { parseSearchQuery } from "../../src/core/search-query.js";
import { SearchService } from "../../src/search/search-service.js";
import { HashedEmbedder } from "../support/hashed-embedder.js";

describe("evaluation metrics", () => {
  const judgments = new Map([
    ["a", 3],
    ["b", 1],
    ["c", 0],
  ]);

  it("nDCG@k uses linear gains and the ideal ordering of the judged grades", () => {
    expect(ndcgAt(["a", "b"], judgments, 10)).toBeCloseTo(1, 10);
    const swapped = (1 + 3 / Math.log2(3)) / (3 + 1 / Math.log2(3));
    expect(ndcgAt(["b", "a"], judgments, 10)).toBeCloseTo(swapped, 10);
    expect(ndcgAt(["x", "a"], judgments, 1)).toBe(0);
    expect(ndcgAt(["a"], new Map([["c", 0]]), 10)).toBe(0);
  });

  it("Recall@k counts relevant documents only (grade > 0) within the first k", () => {
    expect(recallAt(["c", "a", "x"], judgments, 2)).toBe(0.5);
    expect(recallAt(["a", "b"], judgments, 100)).toBe(1);
  });

  it("bounds a paired difference of means by the bootstrap over queries, reproducibly", () => {
    // 400 queries, the difference 0 or 1 in turn: mean 0.5, standard error 0.025, so about ±0.049.
    const hybrid = Array.from({ length: 400 }, (_, i) => i % 2);
    const lexical = Array.from({ length: 400 }, () => 0);
    const gap = pairedDifferenceInterval(hybrid, lexical);
    expect(gap.mean).toBe(0.5);
    expect(gap.low).toBeCloseTo(0.451, 2);
    expect(gap.high).toBeCloseTo(0.549, 2);
    expect(pairedDifferenceInterval(hybrid, lexical)).toEqual(gap);
    // The same scores both ways: no gap and nothing to spread.
    expect(pairedDifferenceInterval(hybrid, hybrid)).toEqual({ mean: 0, low: 0, high: 0 });
    expect(() => pairedDifferenceInterval([1], [])).toThrow(/differ in length/);
  });

  it("MRR@k is the reciprocal rank of the first relevant document, 0 beyond k", () => {
    expect(reciprocalRankAt(["x", "c", "b"], judgments, 10)).toBeCloseTo(1 / 3, 10);
    expect(reciprocalRankAt(["x", "y", "a"], judgments, 2)).toBe(0);
  });
});

describe("known-item queries", () => {
  it("cut the abstract at its first sentence end followed by a space or the end", () => {
    expect(firstSentence("We study MLPs. They scale.")).toBe("We study MLPs");
    expect(firstSentence("Version 2.5 of the model! Then more")).toBe("Version 2.5 of the model");
    expect(firstSentence("No end here")).toBe("No end here");
  });

  it("keep the title's words, lower-cased and in order, that the first sentence lacks", () => {
    expect(
      knownItemQuery(
        "Scaling MLPs: A Tale of Inductive Bias",
        "In this work we revisit MLPs. Scaling helps.",
      ),
    ).toBe("scaling a tale of inductive bias");
    expect(knownItemQuery("Deep Nets", "Deep nets are nets.")).toBe("");
  });
});

describe("scoring a hand-made corpus", () => {
  it("ranks through the product's search service and averages the metrics", async () => {
    const embedder = new HashedEmbedder({ synonyms: { car: "automobile" } });
    const { store, paperIdOf } = await documentStore(
      [
        { docId: "d1", title: "Automobile engines", text: "How an automobile engine burns fuel." },
        { docId: "d2", title: "Car engines", text: "A car engine in detail." },
        { docId: "d3", title: "Bread baking", text: "Flour, water and yeast." },
      ],
      embedder,
    );
    const index = await exactIndex(store, embedder);
    const service = new SearchService(store, { embedder, index });
    const queries: EvalQuery[] = [
      { id: "q1", query: parseSearchQuery("automobile"), judgments: new Map([[paperIdOf.get("d2")!, 1]]) },
      { id: "q2", query: parseSearchQuery("yeast"), judgments: new Map([[paperIdOf.get("d3")!, 1]]) },
    ];
    const lexical = await scoreMode(service, queries, "lexical");
    // "automobile" never occurs in d2, so lexical search cannot find it: q1 scores 0, q2 scores 1.
    expect(lexical).toEqual({
      ndcg10: 0.5,
      recall100: 0.5,
      mrr10: 0.5,
      perQuery: { ndcg10: [0, 1], mrr10: [0, 1] },
    });
    const semantic = await scoreMode(service, queries, "semantic");
    // By meaning, d2 ("car") ties with d1 for q1, so it is found at rank 1 or 2.
    expect(semantic.recall100).toBe(1);
    expect(semantic.mrr10).toBeGreaterThanOrEqual(0.75);
    await store.close();
  });
});

describe("scoring the first page as the product ranks it", () => {
  it("reads the @10 metrics from a first page and Recall@100 from a request for 100 hits", async () => {
    // Twelve papers repeat the words; the thirteenth is titled by them. Hybrid ranking reads BM25's
    // list 10 deep for a first page; 100 hits keep that page and rank the rest 100 deep, where its title
    // lifts it to the top of the rest.
    const repeating = Array.from({ length: 12 }, (_, i) => ({
      docId: `r${i}`,
      title: `Sparse patterns of attention in long documents, part ${i + 1}`,
      text: "Sparse patterns, sparse patterns and sparse patterns again across long documents.",
    }));
    const embedder = new HashedEmbedder();
    const { store, paperIdOf } = await documentStore(
      [...repeating, { docId: "known", title: "Sparse patterns", text: "We study the question again." }],
      embedder,
    );
    const service = new SearchService(
      store,
      {
        embedder,
        titleEmbedder: new HashedEmbedder({ modelId: "test-titles" }),
        index: await exactIndex(store, embedder),
      },
      {
        denseWeight: 0,
        minCoverage: 0.5,
        depth: 10,
        titleWeight: 10,
        titlePower: 1,
        titleWordWeight: 0,
        titleQueryWords: { full: 2, none: 4 },
        titleDepth: 10,
      },
    );
    const queries: EvalQuery[] = [
      {
        id: "q",
        query: parseSearchQuery("sparse patterns"),
        judgments: new Map([[paperIdOf.get("known")!, 1]]),
      },
    ];
    const deep = await service.search(queries[0]!.query, {
      mode: "hybrid",
      sort: "relevance",
      limit: 100,
      offset: 0,
    });
    expect(deep.hits.findIndex((hit) => hit.paper.id === paperIdOf.get("known"))).toBe(10);
    expect(await scoreMode(service, queries, "hybrid")).toMatchObject({ ndcg10: 0, recall100: 1, mrr10: 0 });
    await store.close();
  });
});

describe("the issue's bars", () => {
  it("state hybrid's gap over lexical search on the same queries with its interval", () => {
    const mode = (ndcg10: number[], mrr10: number[]) => ({
      ndcg10: ndcg10.reduce((a, b) => a + b) / ndcg10.length,
      recall100: 1,
      mrr10: mrr10.reduce((a, b) => a + b) / mrr10.length,
      perQuery: { ndcg10, mrr10 },
    });
    const knownItem = {
      name: "arXiv known-item",
      queries: 4,
      corpus: 10,
      metric: "mrr10" as const,
      scores: {
        lexical: mode([1, 1, 1, 1], [0.5, 0.5, 1, 1]),
        semantic: mode([0, 0, 0, 0], [0, 0, 0, 0]),
        hybrid: mode([1, 1, 1, 1], [1, 1, 1, 1]),
      },
    };
    const [bar] = checkBars([knownItem]);
    expect(bar?.met).toBe(true);
    expect(bar?.text).toMatch(
      /^hybrid known-item MRR@10 ≥ lexical \+ 0\.05: 1\.000 vs 0\.800; hybrid − lexical \+0\.250 \(95% bootstrap interval over the queries \+0\.000 to \+0\.500\)$/,
    );
  });
});
