import { describe, expect, it } from "vitest";
import { rankByTaste, SIMILAR_FROM, tasteOf } from "../../src/community/recommendations.js";
import { quantize } from "../../src/search/quantize.js";

/** A unit vector of four dimensions pointing along the given components. */
function unit(...components: number[]): Float32Array {
  const vector = Float32Array.from(components);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

function candidate(paperId: string, vector: Float32Array) {
  return { paperId, ...quantize(vector) };
}

describe("ranking papers by a member's taste", () => {
  const liked = [
    { paper: { id: "2509.00001", title: "Graphs" }, vector: unit(1, 0, 0, 0) },
    { paper: { id: "2509.00002", title: "Proteins" }, vector: unit(0, 1, 0, 0) },
  ];
  const taste = tasteOf(liked.map((entry) => entry.vector))!;

  it("is the normalised mean of the liked vectors, and nothing for none or for vectors that cancel out", () => {
    expect([...taste].map((value) => value.toFixed(4))).toEqual(["0.7071", "0.7071", "0.0000", "0.0000"]);
    expect(tasteOf([])).toBeNull();
    expect(tasteOf([unit(1, 0, 0, 0), unit(-1, 0, 0, 0)])).toBeNull();
  });

  it("orders by cosine to the taste, ties in the order given, and leaves out papers not alike enough", () => {
    const ranked = rankByTaste(
      [
        candidate("2509.00010", unit(1, 1, 0, 0)),
        candidate("2509.00012", unit(1, 0, 1, 0)),
        candidate("2509.00011", unit(1, 0, 1, 0)),
        candidate("2509.00013", unit(0, 0, 1, 1)),
      ],
      liked,
      taste,
      10,
    );
    expect(ranked.map((pick) => pick.paperId)).toEqual(["2509.00010", "2509.00012", "2509.00011"]);
    expect(ranked[0]!.similarity).toBeCloseTo(1, 2);
    expect(ranked.every((pick) => pick.similarity >= SIMILAR_FROM)).toBe(true);
  });

  it("names the liked paper each pick is closest to, and keeps to the limit", () => {
    const ranked = rankByTaste(
      [candidate("2509.00020", unit(0.2, 1, 0, 0)), candidate("2509.00021", unit(1, 0.3, 0, 0))],
      liked,
      taste,
      1,
    );
    expect(ranked).toHaveLength(1);
    expect(ranked[0]!.paperId).toBe("2509.00021");
    expect(ranked[0]!.closestLiked).toEqual({ id: "2509.00001", title: "Graphs" });
    const other = rankByTaste([candidate("2509.00020", unit(0.2, 1, 0, 0))], liked, taste, 1);
    expect(other[0]!.closestLiked).toEqual({ id: "2509.00002", title: "Proteins" });
  });
});
