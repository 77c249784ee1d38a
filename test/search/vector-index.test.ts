import { describe, expect, it } from "vitest";
import { arxivIdFromOrdinal, arxivIdOrdinal } from "../../src/core/arxiv-id.js";
import { ExactVectorIndex } from "../../src/search/exact-index.js";
import { HnswVectorIndex } from "../../src/search/hnsw-index.js";
import { dequantize, quantize } from "../../src/search/quantize.js";
import { type IndexedVector, TopK, type VectorIndex } from "../../src/search/vector-index.js";

const DIMENSIONS = 16;

/** A fixed-seed generator, so the vectors (and the expected neighbours) are the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function unit(values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (value) => value / norm);
}

function paperIdAt(i: number): string {
  return `2509.${String(i + 1).padStart(5, "0")}`;
}

function randomVectors(count: number, seed: number): { paperId: string; vector: Float32Array }[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => ({
    paperId: paperIdAt(i),
    vector: unit(Array.from({ length: DIMENSIONS }, () => next() - 0.5)),
  }));
}

function indexed(vectors: { paperId: string; vector: Float32Array }[]): IndexedVector[] {
  return vectors.map(({ paperId, vector }) => ({ paperId, ...quantize(vector) }));
}

function bruteForce(vectors: { paperId: string; vector: Float32Array }[], query: Float32Array, k: number) {
  return vectors
    .map(({ paperId, vector }) => ({ paperId, similarity: vector.reduce((s, v, i) => s + v * query[i]!, 0) }))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
}

describe("arXiv id ordinals", () => {
  it("turn back into the ids they were made from, for both id styles", () => {
    for (const id of [
      "2509.09672",
      "0704.0001",
      "1412.9999",
      "1501.00001",
      "hep-th/9901001",
      "math/0703999",
      "cs/0001001",
    ]) {
      expect(arxivIdFromOrdinal(arxivIdOrdinal(id))).toBe(id);
    }
  });
});

describe("int8 quantization", () => {
  it("keeps a unit vector within 1% in every component, and maps zeros to a zero scale", () => {
    const [{ vector }] = randomVectors(1, 7) as [{ paperId: string; vector: Float32Array }];
    const back = dequantize(quantize(vector));
    for (const [i, value] of back.entries()) expect(Math.abs(value - vector[i]!)).toBeLessThan(0.01);
    expect(quantize(new Float32Array(4)).scale).toBe(0);
  });
});

describe("TopK", () => {
  it("keeps the k best, best first", () => {
    const top = new TopK(3);
    for (const [item, score] of [5, 1, 9, 3, 7, 2].entries()) top.offer(item, score);
    expect(top.sorted()).toEqual([
      { item: 2, score: 9 },
      { item: 4, score: 7 },
      { item: 0, score: 5 },
    ]);
  });
});

function describeIndex(name: string, create: () => VectorIndex, minimumRecall: number): void {
  describe(name, () => {
    it("finds the nearest papers by cosine similarity, most similar first", () => {
      const vectors = randomVectors(500, 42);
      const index = create();
      index.upsert(indexed(vectors));
      expect(index.size).toBe(500);
      let found = 0;
      for (const { vector: query } of randomVectors(20, 99)) {
        const expected = bruteForce(vectors, query, 10);
        const got = index.nearest(query, 10);
        expect(got).toHaveLength(10);
        for (let i = 1; i < got.length; i++)
          expect(got[i]!.similarity).toBeLessThanOrEqual(got[i - 1]!.similarity);
        found += got.filter((n) => expected.some((e) => e.paperId === n.paperId)).length;
        expect(got[0]!.similarity).toBeCloseTo(expected[0]!.similarity, 1);
      }
      expect(found / 200).toBeGreaterThanOrEqual(minimumRecall);
    });

    it("replaces a paper's vector when it comes again", () => {
      const index = create();
      index.upsert(indexed([{ paperId: paperIdAt(0), vector: unit([1, ...Array(DIMENSIONS - 1).fill(0)]) }]));
      index.upsert(
        indexed([{ paperId: paperIdAt(1), vector: unit([0, 1, ...Array(DIMENSIONS - 2).fill(0)]) }]),
      );
      index.upsert(
        indexed([{ paperId: paperIdAt(0), vector: unit([0, 0, 1, ...Array(DIMENSIONS - 3).fill(0)]) }]),
      );
      expect(index.size).toBe(2);
      const [best] = index.nearest(unit([0, 0, 1, ...Array(DIMENSIONS - 3).fill(0)]), 1);
      expect(best?.paperId).toBe(paperIdAt(0));
      expect(best?.similarity).toBeCloseTo(1, 2);
    });

    it("answers an empty index with no neighbours, and a large k with every paper", () => {
      const index = create();
      expect(index.nearest(unit([1, ...Array(DIMENSIONS - 1).fill(0)]), 5)).toEqual([]);
      index.upsert(indexed(randomVectors(3, 1)));
      expect(index.nearest(unit([1, ...Array(DIMENSIONS - 1).fill(0)]), 10)).toHaveLength(3);
    });

    it("keys old-style ids too", () => {
      const index = create();
      index.upsert(
        indexed([{ paperId: "hep-th/9901001", vector: unit([1, 2, ...Array(DIMENSIONS - 2).fill(0)]) }]),
      );
      expect(index.nearest(unit([1, 2, ...Array(DIMENSIONS - 2).fill(0)]), 1)[0]?.paperId).toBe(
        "hep-th/9901001",
      );
    });
  });
}

describe("HNSW graph built from one batch", () => {
  it("links every paper well enough that each query's nearest paper is found, build after build", () => {
    const vectors = randomVectors(500, 42);
    const queries = randomVectors(20, 99);
    let worstShortfall = 0;
    for (let build = 0; build < 100; build++) {
      const index = new HnswVectorIndex(DIMENSIONS);
      index.upsert(indexed(vectors));
      for (const { vector: query } of queries) {
        const [best] = bruteForce(vectors, query, 1);
        const [found] = index.nearest(query, 1);
        worstShortfall = Math.max(worstShortfall, best!.similarity - found!.similarity);
      }
    }
    // int8 rounding alone costs under 0.01; a poorly linked node costs up to 0.1.
    expect(worstShortfall).toBeLessThan(0.01);
  });
});

// int8 rounding may swap two near-tied neighbours at the 10th place; HNSW is approximate on top of that.
describeIndex("Exact vector index", () => new ExactVectorIndex(DIMENSIONS), 0.99);
describeIndex("HNSW vector index", () => new HnswVectorIndex(DIMENSIONS), 0.95);
