import { addDays } from "../core/calendar.js";
import type { Paper } from "../core/paper.js";
import { dequantize, dotProduct } from "../search/quantize.js";
import type { Neighbour } from "../search/vector-index.js";
import type { CollectionStore } from "../store/collections-store.js";
import type { PaperStore } from "../store/store.js";
import type { QuantizedVector } from "../store/vector-store.js";
import type { VoteStore } from "../store/votes-store.js";

/**
 * "For you": a period's papers ranked by how alike they are, in the bundled model's vectors, to the
 * papers a member upvoted and saved, each with the liked paper it is most like. The vectors are the
 * ones search already stores, so a page costs two vector reads and a few thousand dot products.
 */
export type RecommendationPeriod = "week" | "month" | "all";

export const RECOMMENDATION_PERIODS: readonly RecommendationPeriod[] = ["week", "month", "all"];

/** Days a period reaches back from the latest listed day, that day included; "all" has no bound. */
const PERIOD_DAYS: Record<Exclude<RecommendationPeriod, "all">, number> = { week: 7, month: 30 };
/** Most liked papers the taste is made of: the most recent upvotes first, then saved papers. */
const MAX_LIKED = 200;
/** Most papers of a period compared (the most upvoted): a busy month of arXiv fits. */
const MAX_CANDIDATES = 5_000;
/**
 * The cosine to a taste from which a paper counts as like it, here and in personal digests. Calibrated on
 * the bundled static model: its cosines to a taste of a few papers rarely pass 0.3 by chance.
 */
export const SIMILAR_FROM = 0.3;
/** Papers shown. */
export const RECOMMENDATIONS_SHOWN = 30;

export interface LikedPaper {
  id: string;
  title: string;
}

export interface Recommendation {
  paper: Paper;
  /** Cosine to the member's taste (the normalised mean of the liked papers' vectors). */
  similarity: number;
  /** The liked paper it is most alike to, to say why it is here. */
  closestLiked: LikedPaper;
}

export type Recommendations =
  /** No model, so no vectors to compare. */
  | { status: "no-model" }
  /** Nothing upvoted or saved yet, or none of it embedded yet. */
  | { status: "no-taste"; liked: number }
  /** `from` and `to` bound the period's listing days; null for "all". */
  | { status: "ready"; liked: number; from: string | null; to: string | null; picks: Recommendation[] };

/** The model's stored vectors and their index: what recommendations compare papers by. */
export interface RecommendationModel {
  modelId: string;
  /** The papers nearest to a vector among all indexed (the search index). */
  nearest(vector: Float32Array, k: number): Neighbour[];
}

export interface RecommendationSources {
  votes: Pick<VoteStore, "userVotes">;
  collections: Pick<CollectionStore, "userCollections" | "items">;
  papers: Pick<PaperStore, "latestDay" | "listPapers" | "getPapers" | "vectorsOf">;
  /** Null where search runs without a model. */
  model: RecommendationModel | null;
}

interface LikedVector {
  paper: LikedPaper;
  vector: Float32Array;
}

/** The normalised mean of the liked papers' vectors; null when they sum to nothing. */
export function tasteOf(liked: Float32Array[]): Float32Array | null {
  const first = liked[0];
  if (!first) return null;
  const sum = new Float32Array(first.length);
  for (const vector of liked) for (let i = 0; i < sum.length; i++) sum[i]! += vector[i]!;
  const norm = Math.hypot(...sum);
  if (norm === 0) return null;
  for (let i = 0; i < sum.length; i++) sum[i]! /= norm;
  return sum;
}

/**
 * The candidates alike to the taste (SIMILAR_FROM), most alike first (ties: more upvotes, then the newer
 * id), each with the liked paper it is closest to. Pure: vectors in, ranking out.
 */
export function rankByTaste(
  candidates: { paper: Paper; vector: QuantizedVector }[],
  liked: LikedVector[],
  taste: Float32Array,
  limit: number,
): Recommendation[] {
  return candidates
    .map(({ paper, vector }) => ({ paper, vector, similarity: dotProduct(vector, taste) }))
    .filter(({ similarity }) => similarity >= SIMILAR_FROM)
    .sort(
      (a, b) =>
        b.similarity - a.similarity ||
        b.paper.upvotes - a.paper.upvotes ||
        (a.paper.id < b.paper.id ? 1 : -1),
    )
    .slice(0, limit)
    .map(({ paper, vector, similarity }) => {
      let closest = liked[0]!;
      let best = Number.NEGATIVE_INFINITY;
      for (const entry of liked) {
        const cosine = dotProduct(vector, entry.vector);
        if (cosine > best) [best, closest] = [cosine, entry];
      }
      return { paper, similarity, closestLiked: closest.paper };
    });
}

export class RecommendationService {
  constructor(private readonly sources: RecommendationSources) {}

  /** The member's liked papers, newest upvotes first, then what their collections hold. */
  private async likedIds(userId: string): Promise<string[]> {
    const { votes, collections } = this.sources;
    const ids = (await votes.userVotes(userId, MAX_LIKED)).map((vote) => vote.paperId);
    for (const collection of await collections.userCollections(userId)) {
      if (ids.length >= MAX_LIKED) break;
      for (const item of await collections.items(collection.id)) ids.push(item.paperId);
    }
    return [...new Set(ids)].slice(0, MAX_LIKED);
  }

  async forUser(userId: string, period: RecommendationPeriod): Promise<Recommendations> {
    const { papers, model } = this.sources;
    if (model === null) return { status: "no-model" };
    const likedIds = await this.likedIds(userId);
    // Papers moderators hid are no part of the taste, nor named as what a pick is like.
    const likedPapers = await papers.getPapers(likedIds);
    const likedVectors = new Map(
      (
        await papers.vectorsOf(
          model.modelId,
          likedPapers.map((paper) => paper.id),
        )
      ).map((stored) => [stored.paperId, dequantize(stored)]),
    );
    const liked = likedPapers.flatMap(({ id, title }) => {
      const vector = likedVectors.get(id);
      return vector ? [{ paper: { id, title }, vector }] : [];
    });
    const taste = tasteOf(liked.map((entry) => entry.vector));
    const latest = await papers.latestDay();
    if (taste === null || latest === null) return { status: "no-taste", liked: likedPapers.length };
    const own = new Set(likedIds);
    const [from, to] = period === "all" ? [null, null] : [addDays(latest, 1 - PERIOD_DAYS[period]), latest];
    const unseen = (
      from === null || to === null
        ? // Every paper: the index's nearest to the taste, past the member's own.
          await papers.getPapers(
            model.nearest(taste, RECOMMENDATIONS_SHOWN + own.size).map((neighbour) => neighbour.paperId),
          )
        : (await papers.listPapers({ from, to, sort: "upvotes", limit: MAX_CANDIDATES, offset: 0 })).papers
    ).filter((paper) => !own.has(paper.id));
    const vectors = new Map(
      (
        await papers.vectorsOf(
          model.modelId,
          unseen.map((paper) => paper.id),
        )
      ).map((v) => [v.paperId, v]),
    );
    const candidates = unseen.flatMap((paper) => {
      const vector = vectors.get(paper.id);
      return vector ? [{ paper, vector }] : [];
    });
    const picks = rankByTaste(candidates, liked, taste, RECOMMENDATIONS_SHOWN);
    return { status: "ready", liked: likedPapers.length, from, to, picks };
  }
}
