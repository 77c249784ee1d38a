import { describe, expect, it } from "vitest";
import {
  closestLiked,
  interestsOf,
  RECOMMENDATION_PERIODS,
  RecommendationService,
  type RecommendationSources,
  rankByInterests,
  SIMILAR_FROM,
} from "../../src/community/recommendations.js";
import { toPaper } from "../../src/core/merge-paper.js";
import { ExactVectorIndex } from "../../src/search/exact-index.js";
import { quantize } from "../../src/search/quantize.js";
import { makePaperInput } from "../support/paper-factory.js";

/** A unit vector pointing along the given components. */
function unit(...components: number[]): Float32Array {
  const vector = Float32Array.from(components);
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

function candidate(paperId: string, vector: Float32Array) {
  return { paperId, ...quantize(vector) };
}

function rounded(vector: Float32Array): string[] {
  return [...vector].map((value) => value.toFixed(3));
}

describe("a member's interests", () => {
  it("groups liked papers by topic, one interest per three likes, counting the likes behind each", () => {
    const liked = [
      unit(1, 0.1, 0, 0),
      unit(0, 0, 1, 0),
      unit(1, -0.1, 0, 0),
      unit(1, 0, 0, 0),
      unit(0, 0.1, 1, 0),
      unit(1, 0, 0, 0.1),
    ];
    const interests = interestsOf(liked);
    expect(interests.map((interest) => interest.likes)).toEqual([4, 2]);
    expect(rounded(interests[0]!.direction)).toEqual(["1.000", "0.000", "0.000", "0.025"]);
    expect(rounded(interests[1]!.direction)).toEqual(["0.000", "0.050", "0.999", "0.000"]);
    expect(interestsOf(liked)).toEqual(interests);
  });

  it("keeps a few likes as one interest, stops at the limit, and has none for no likes or zero vectors", () => {
    expect(interestsOf([unit(1, 0), unit(0, 1)])).toEqual([{ direction: unit(1, 1), likes: 2 }]);
    const many = Array.from({ length: 60 }, (_, i) => unit(Math.cos(i), Math.sin(i), i % 3));
    expect(interestsOf(many)).toHaveLength(8);
    expect(interestsOf(many, 2)).toHaveLength(2);
    expect(interestsOf([])).toEqual([]);
    expect(interestsOf([new Float32Array(4)])).toEqual([]);
  });
});

describe("ranking papers by a member's interests", () => {
  const graphs = { direction: unit(1, 0, 0, 0), likes: 3 };
  const proteins = { direction: unit(0, 1, 0, 0), likes: 1 };

  it("orders each interest's papers by cosine, drops those alike to none, and shares places by likes", () => {
    const ranked = rankByInterests(
      [
        candidate("2509.00010", unit(1, 0.2, 0, 0)),
        candidate("2509.00011", unit(1, 0, 0.5, 0)),
        candidate("2509.00012", unit(0.1, 1, 0, 0)),
        candidate("2509.00013", unit(1, 0, 0, 0.1)),
        candidate("2509.00014", unit(1, 0, 1.5, 0)),
        candidate("2509.00015", unit(0, 0, 1, 1)),
        candidate("2509.00016", unit(1, 0, 0.3, 0.3)),
      ],
      [graphs, proteins],
      10,
    );
    // Graphs has three likes to proteins' one: three places, then proteins' one, then graphs again.
    expect(ranked.map((pick) => pick.vector.paperId)).toEqual([
      "2509.00013",
      "2509.00010",
      "2509.00016",
      "2509.00012",
      "2509.00011",
      "2509.00014",
    ]);
    expect(ranked.every((pick) => pick.similarity >= SIMILAR_FROM)).toBe(true);
    expect(rankByInterests([candidate("2509.00010", unit(1, 0, 0, 0))], [graphs], 0)).toEqual([]);
  });

  it("gives a second topic its share even where the first topic's papers lie closer together", () => {
    const ranked = rankByInterests(
      [
        ...Array.from({ length: 5 }, (_, i) => candidate(`2509.0002${i}`, unit(1, 0, 0, 0.01 * i))),
        candidate("2509.00030", unit(0.2, 1, 0, 0.3)),
      ],
      [{ ...graphs, likes: 1 }, proteins],
      2,
    );
    expect(ranked.map((pick) => pick.vector.paperId)).toEqual(["2509.00020", "2509.00030"]);
  });

  it("names the liked paper a pick is closest to", () => {
    const liked = [
      { paper: { id: "2509.00001", title: "Graphs" }, vector: unit(1, 0, 0, 0) },
      { paper: { id: "2509.00002", title: "Proteins" }, vector: unit(0, 1, 0, 0) },
    ];
    expect(closestLiked(candidate("2509.00021", unit(1, 0.3, 0, 0)), liked)).toEqual(liked[0]!.paper);
    expect(closestLiked(candidate("2509.00020", unit(0.2, 1, 0, 0)), liked)).toEqual(liked[1]!.paper);
  });
});

/** A unit vector of eight dimensions: mostly along `axis`, tilted by `tilt` towards the next one. */
function near(axis: number, tilt: number): Float32Array {
  const vector = new Float32Array(8);
  vector[axis] = 1;
  vector[(axis + 1) % 8] = tilt;
  return unit(...vector);
}

interface MemberPaper {
  id: string;
  day: string;
  vector: Float32Array;
  hidden?: boolean;
  upvotes?: number;
}

/** The sources a service reads, in memory: one member's votes (newest first) and one collection. */
function memberSources(options: { papers: MemberPaper[]; votes: string[]; saved?: string[] }) {
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
      vectorsListedBetween: async (_modelId, from, to, limit) =>
        visible
          .filter(({ day }) => day >= from && day <= to)
          .sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0))
          .slice(0, limit)
          .map(({ id, vector }) => ({ paperId: id, ...quantize(vector) })),
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

function pickedIds(found: Awaited<ReturnType<RecommendationService["forUser"]>>): string[] | string {
  return found.status === "ready" ? found.picks.map((pick) => pick.paper.id) : found.status;
}

describe("a member's recommendations", () => {
  it("never offers back a paper the member upvoted, however many upvotes ago", async () => {
    // 250 upvotes, newest first: the interests hold the 200 newest, the oldest 50 are upvoted all the same.
    const upvoted = Array.from({ length: 250 }, (_, i) => ({
      id: `2509.${String(i).padStart(5, "0")}`,
      day: "2025-09-10",
      vector: near(0, i / 1000),
    }));
    const fresh = { id: "2509.90000", day: "2025-09-10", vector: near(0, 0.3) };
    const service = new RecommendationService(
      memberSources({ papers: [...upvoted, fresh], votes: upvoted.map((paper) => paper.id) }),
    );
    for (const period of RECOMMENDATION_PERIODS)
      expect(pickedIds(await service.forUser("ada", period)), period).toEqual(["2509.90000"]);
  });

  it("fills the page from every paper when papers moderators hid are among the nearest", async () => {
    const liked = { id: "2509.00001", day: "2025-09-01", vector: near(0, 0) };
    // The 40 nearest to the interest are hidden; the next 30 are alike enough to show.
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
    expect(pickedIds(await service.forUser("ada", "all"))).toEqual(shown.map((paper) => paper.id));
  });

  it("leaves a liked paper moderators hid out of the interests and out of what it names", async () => {
    const likedHidden = { id: "2509.00001", day: "2025-09-10", vector: near(0, 0), hidden: true };
    const likedShown = { id: "2509.00002", day: "2025-09-10", vector: near(2, 0) };
    // Alike to the hidden one only: nothing else of the member's likes recommends it.
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

  it("recommends for a member's lesser topic too, which one mean of all their likes would bury", async () => {
    // Ten likes on codes, one on images: their mean lies at cosine 0.1 from images, below SIMILAR_FROM.
    const codes = Array.from({ length: 10 }, (_, i) => ({
      id: `2509.0000${i}`,
      day: "2025-09-10",
      vector: near(0, i / 100),
    }));
    const images = { id: "2509.00020", day: "2025-09-10", vector: near(4, 0) };
    const newCodes = { id: "2509.00030", day: "2025-09-11", vector: near(0, 0.2) };
    const newImages = { id: "2509.00031", day: "2025-09-11", vector: near(4, 0.2) };
    const service = new RecommendationService(
      memberSources({
        papers: [...codes, images, newCodes, newImages],
        votes: [...codes.map((paper) => paper.id), images.id],
      }),
    );
    expect(pickedIds(await service.forUser("ada", "week"))).toEqual(["2509.00030", "2509.00031"]);
  });
});
