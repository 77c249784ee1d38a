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
  votes: Pick<VoteStore, "userVotes" | "votedAmong">;
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

  /** Every paper in the member's collections, collection by collection. */
  private async savedIds(userId: string): Promise<string[]> {
    const { collections } = this.sources;
    const ids: string[] = [];
    for (const collection of await collections.userCollections(userId))
      for (const item of await collections.items(collection.id)) ids.push(item.paperId);
    return ids;
  }

  /**
   * Of these papers, the ones the member has not upvoted or saved: the taste holds at most MAX_LIKED of
   * them, but none of the rest is news to the member either.
   */
  private async notYetLiked(userId: string, paperIds: string[], own: Set<string>): Promise<string[]> {
    const unseen = paperIds.filter((id) => !own.has(id));
    const voted = new Set(await this.sources.votes.votedAmong(userId, unseen));
    return unseen.filter((id) => !voted.has(id));
  }

  /**
   * Every paper's nearest to the taste that the member has not liked, enough to fill the page: the
   * member's own papers are the nearest of all, and hidden ones drop out, so k grows until the page is
   * full, the index runs out or the farthest neighbour is no longer alike.
   */
  private async nearestUnseen(
    model: RecommendationModel,
    taste: Float32Array,
    userId: string,
    own: Set<string>,
  ): Promise<Paper[]> {
    for (let k = RECOMMENDATIONS_SHOWN + Math.min(own.size, MAX_LIKED); ; k *= 4) {
      const neighbours = model.nearest(taste, Math.min(k, MAX_CANDIDATES));
      const unseen = await this.sources.papers.getPapers(
        await this.notYetLiked(
          userId,
          neighbours.map((neighbour) => neighbour.paperId),
          own,
        ),
      );
      const farthest = neighbours.at(-1)?.similarity ?? Number.NEGATIVE_INFINITY;
      if (
        unseen.length >= RECOMMENDATIONS_SHOWN ||
        neighbours.length < k ||
        k >= MAX_CANDIDATES ||
        farthest < SIMILAR_FROM
      )
        return unseen;
    }
  }

  async forUser(userId: string, period: RecommendationPeriod): Promise<Recommendations> {
    const { papers, votes, model } = this.sources;
    if (model === null) return { status: "no-model" };
    const saved = await this.savedIds(userId);
    const voted = (await votes.userVotes(userId, MAX_LIKED)).map((vote) => vote.paperId);
    const own = new Set([...voted, ...saved]);
    // Newest upvotes first, then saved papers; papers moderators hid are no part of the taste.
    const likedPapers = await papers.getPapers([...own].slice(0, MAX_LIKED));
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
    const [from, to] = period === "all" ? [null, null] : [addDays(latest, 1 - PERIOD_DAYS[period]), latest];
    let unseen: Paper[];
    if (from === null || to === null) unseen = await this.nearestUnseen(model, taste, userId, own);
    else {
      const listed = (
        await papers.listPapers({ from, to, sort: "upvotes", limit: MAX_CANDIDATES, offset: 0 })
      ).papers;
      const keep = new Set(
        await this.notYetLiked(
          userId,
          listed.map((paper) => paper.id),
          own,
        ),
      );
      unseen = listed.filter((paper) => keep.has(paper.id));
    }
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
