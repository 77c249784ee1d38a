import { describe, expect, it } from "vitest";
import {
  RECOMMENDATION_PERIODS,
  RecommendationService,
  type RecommendationSources,
  rankByTaste,
  SIMILAR_FROM,
  tasteOf,
} from "../../src/community/recommendations.js";
import { toPaper } from "../../src/core/merge-paper.js";
import { ExactVectorIndex } from "../../src/search/exact-index.js";
import { quantize } from "../../src/search/quantize.js";
import { makePaperInput } from "../support/paper-factory.js";

/** A unit vector of four dimensions pointing along the given components. */
function unit(...components: number[]): Float32Array {
  const vector = Float32Array.from(components);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

function candidate(id: string, vector: Float32Array, upvotes = 0) {
  return { paper: toPaper(makePaperInput({ id, upvotes })), vector: quantize(vector) };
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

  it("orders by cosine to the taste, ties by upvotes, and leaves out papers not alike enough", () => {
    const ranked = rankByTaste(
      [
        candidate("2509.00010", unit(1, 1, 0, 0)),
        candidate("2509.00011", unit(1, 0, 1, 0), 1),
        candidate("2509.00012", unit(1, 0, 1, 0), 5),
        candidate("2509.00013", unit(0, 0, 1, 1)),
      ],
      liked,
      taste,
      10,
    );
    expect(ranked.map((pick) => pick.paper.id)).toEqual(["2509.00010", "2509.00012", "2509.00011"]);
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
    expect(ranked[0]!.paper.id).toBe("2509.00021");
    expect(ranked[0]!.closestLiked).toEqual({ id: "2509.00001", title: "Graphs" });
    const other = rankByTaste([candidate("2509.00020", unit(0.2, 1, 0, 0))], liked, taste, 1);
    expect(other[0]!.closestLiked).toEqual({ id: "2509.00002", title: "Proteins" });
  });
});

/** A unit vector of eight dimensions: mostly along `axis`, tilted by `tilt` towards the next one. */
function near(axis: number, tilt: number): Float32Array {
  const vector = new Float32Array(8);
  vector[axis] = 1;
  vector[(axis + 1) % 8] = tilt;
  return unit(...vector);
}

/** The sources a service reads, in memory: one member's votes (newest first) and one collection. */
function memberSources(options: {
  papers: { id: string; day: string; vector: Float32Array; hidden?: boolean }[];
  votes: string[];
  saved?: string[];
}) {
  const visible = options.papers.filter((paper) => !paper.hidden);
  const byId = new Map(options.papers.map((paper) => [paper.id, paper]));
  const toListed = (id: string) => toPaper(makePaperInput({ id, listingDay: byId.get(id)!.day }));
  const index = new ExactVectorIndex(8);
  index.upsert(options.papers.map(({ id, vector }) => ({ paperId: id, ...quantize(vector) })));
  const sources: RecommendationSources = {
    votes: {
      userVotes: async (_userId, limit) =>
        options.votes.slice(0, limit).map((paperId) => ({ paperId, votedAt: "2025-09-11T00:00:00Z" })),
      votedAmong: async (_userId, ids) => ids.filter((id) => options.votes.includes(id)),
    },
    collections: {
      userCollections: async (userId) => [
        { id: "c1", userId, name: "Saved", public: false, createdAt: "", papers: 0, hiddenPapers: 0 },
      ],
      items: async () =>
        (options.saved ?? []).map((paperId) => ({
          paperId,
          addedAt: "",
          readAt: null,
          note: "",
          hidden: false,
        })),
    },
    papers: {
      latestDay: async () => "2025-09-11",
      listPapers: async ({ from, to, limit }) => {
        const listed = visible.filter(({ day }) => day >= from && day <= to).slice(0, limit);
        return { papers: listed.map(({ id }) => toListed(id)), total: listed.length };
      },
      getPapers: async (ids) => ids.filter((id) => byId.has(id) && !byId.get(id)!.hidden).map(toListed),
      vectorsOf: async (_modelId, ids) =>
        ids.flatMap((id) => {
          const paper = byId.get(id);
          return paper ? [{ paperId: id, ...quantize(paper.vector) }] : [];
        }),
    },
    model: { modelId: "test", nearest: (vector, k) => index.nearest(vector, k) },
  };
  return sources;
}

describe("a member's recommendations", () => {
  it("never offers back a paper the member upvoted, however many upvotes ago", async () => {
    // 250 upvotes, newest first: the taste holds the 200 newest, the oldest 50 are upvoted all the same.
    const upvoted = Array.from({ length: 250 }, (_, i) => ({
      id: `2509.${String(i).padStart(5, "0")}`,
      day: "2025-09-10",
      vector: near(0, i / 1000),
    }));
    const fresh = { id: "2509.90000", day: "2025-09-10", vector: near(0, 0.3) };
    const service = new RecommendationService(
      memberSources({ papers: [...upvoted, fresh], votes: upvoted.map((paper) => paper.id) }),
    );
    for (const period of RECOMMENDATION_PERIODS) {
      const found = await service.forUser("ada", period);
      expect(found.status === "ready" && found.picks.map((pick) => pick.paper.id), period).toEqual([
        "2509.90000",
      ]);
    }
  });

  it("fills the page from every paper when papers moderators hid are among the nearest", async () => {
    const liked = { id: "2509.00001", day: "2025-09-01", vector: near(0, 0) };
    // The 40 nearest to the taste are hidden; the next 30 are alike enough to show.
    const hidden = Array.from({ length: 40 }, (_, i) => ({
      id: `2509.1${String(i).padStart(4, "0")}`,
      day: "2025-01-01",
      vector: near(0, 0.01 + i / 1000),
      hidden: true,
    }));
    const shown = Array.from({ length: 30 }, (_, i) => ({
      id: `2509.2${String(i).padStart(4, "0")}`,
      day: "2025-01-01",
      vector: near(0, 0.2 + i / 100),
    }));
    const service = new RecommendationService(
      memberSources({ papers: [liked, ...hidden, ...shown], votes: [liked.id] }),
    );
    const found = await service.forUser("ada", "all");
    expect(found.status === "ready" && found.picks.map((pick) => pick.paper.id)).toEqual(
      shown.map((paper) => paper.id),
    );
  });

  it("leaves a liked paper moderators hid out of the taste and out of what it names", async () => {
    const likedHidden = { id: "2509.00001", day: "2025-09-10", vector: near(0, 0), hidden: true };
    const likedShown = { id: "2509.00002", day: "2025-09-10", vector: near(2, 0) };
    // Alike to the hidden one only: nothing else of the taste recommends it.
    const alikeToHidden = { id: "2509.00003", day: "2025-09-10", vector: near(0, 0.1) };
    const alikeToShown = { id: "2509.00004", day: "2025-09-10", vector: near(2, 0.1) };
    const service = new RecommendationService(
      memberSources({
        papers: [likedHidden, likedShown, alikeToHidden, alikeToShown],
        votes: [likedHidden.id],
        saved: [likedShown.id],
      }),
    );
    const found = await service.forUser("ada", "week");
    expect(found).toMatchObject({ status: "ready", liked: 1 });
    expect(
      found.status === "ready" && found.picks.map((pick) => [pick.paper.id, pick.closestLiked.id]),
    ).toEqual([["2509.00004", "2509.00002"]]);
  });
});
