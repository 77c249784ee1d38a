import { addDays } from "../core/calendar.js";
import type { Paper } from "../core/paper.js";
import { dequantize, dotProduct } from "../search/quantize.js";
import type { Neighbour } from "../search/vector-index.js";
import type { CollectionStore } from "../store/collections-store.js";
import type { PaperStore } from "../store/store.js";
import type { PaperVector } from "../store/vector-store.js";
import type { VoteStore } from "../store/votes-store.js";

/**
 * "For you": a period's papers ranked by how alike they are, in the bundled model's vectors, to the
 * papers a member upvoted and saved (grouped into interests), each with the liked paper it is most
 * like. The vectors are the ones search already stores: a page reads the period's vectors, not its
 * papers, and a few thousand dot products later only the papers it shows.
 */
export type RecommendationPeriod = "week" | "month" | "all";

export const RECOMMENDATION_PERIODS: readonly RecommendationPeriod[] = ["week", "month", "all"];

/** Days a period reaches back from the latest listed day, that day included; "all" has no bound. */
const PERIOD_DAYS: Record<Exclude<RecommendationPeriod, "all">, number> = { week: 7, month: 30 };
/** Most liked papers the interests are made of: the most recent upvotes first, then saved papers. */
const MAX_LIKED = 200;
/** Most papers of a period compared (the most upvoted): a busy month of arXiv fits. */
const MAX_CANDIDATES = 5_000;
/**
 * The cosine to a taste from which a paper counts as like it, here and in personal digests. Calibrated on
 * the bundled static model: its cosines to a taste of a few papers rarely pass 0.3 by chance.
 */
export const SIMILAR_FROM = 0.3;
/** Most interests a member's likes are grouped into (interestsOf). */
const MAX_INTERESTS = 8;
const KMEANS_ROUNDS = 5;
/**
 * The fewest liked papers per interest, on average: with the bundled model, two papers on one topic
 * often lie at a cosine of only 0.2, so a single paper's vector is a noisy interest, while the mean of a
 * few holds their common theme (three likes make one interest, six two, and so on up to MAX_INTERESTS).
 */
const LIKES_PER_INTEREST = 3;
/** Papers shown. */
export const RECOMMENDATIONS_SHOWN = 30;

export interface LikedPaper {
  id: string;
  title: string;
}

export interface Recommendation {
  paper: Paper;
  /** Cosine to the member's interest it is nearest to (interestsOf). */
  similarity: number;
  /** The liked paper it is most alike to, to say why it is here. */
  closestLiked: LikedPaper;
}

export type Recommendations =
  /** No model, so no vectors to compare. */
  | { status: "no-model" }
  /** Nothing upvoted or saved yet (papers moderators hid do not count), or none of it embedded yet. */
  | { status: "no-taste"; liked: number }
  /** `from` and `to` bound the period's listing days; null for "all". */
  | { status: "ready"; liked: number; from: string | null; to: string | null; picks: Recommendation[] };

/** The model's stored vectors and their index: what recommendations compare papers by. */
export interface RecommendationModel {
  modelId: string;
  /** The papers nearest to a vector among all indexed (the search index), nearest first. */
  nearest(vector: Float32Array, k: number): Neighbour[];
}

export interface RecommendationSources {
  votes: Pick<VoteStore, "userVotes" | "votedAmong">;
  collections: Pick<CollectionStore, "userCollections" | "items">;
  papers: Pick<PaperStore, "latestDay" | "getPapers" | "vectorsOf" | "vectorsListedBetween">;
  /** Null where search runs without a model. */
  model: RecommendationModel | null;
}

export interface LikedVector {
  paper: LikedPaper;
  vector: Float32Array;
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** The vector scaled to length 1; null for the zero vector. */
function normalised(vector: Float32Array): Float32Array | null {
  const norm = Math.sqrt(dot(vector, vector));
  return norm === 0 ? null : vector.map((value) => value / norm);
}

/** The normalised mean of some vectors; null when they sum to nothing. */
function meanDirection(vectors: Float32Array[]): Float32Array | null {
  const first = vectors[0];
  if (!first) return null;
  const sum = new Float32Array(first.length);
  for (const vector of vectors) for (let i = 0; i < sum.length; i++) sum[i]! += vector[i]!;
  return normalised(sum);
}

/** One of a member's interests: a direction in the model's space, and how many liked papers make it. */
export interface Interest {
  direction: Float32Array;
  likes: number;
}

/** Index of the direction nearest to a point (highest cosine; the first of equals). */
function nearestOf(point: Float32Array, directions: Float32Array[]): number {
  let best = 0;
  for (let i = 1; i < directions.length; i++)
    if (dot(point, directions[i]!) > dot(point, directions[best]!)) best = i;
  return best;
}

/**
 * A member's interests: the liked papers' vectors grouped into at most `maxInterests` directions, one
 * per LIKES_PER_INTEREST papers (spherical k-means, started from mutually farthest papers, so the same
 * likes always give the same interests). One mean of everything would blur several topics into a direction near none of them:
 * someone who likes diffusion models and quantum codes would be recommended neither.
 */
export function interestsOf(liked: Float32Array[], maxInterests = MAX_INTERESTS): Interest[] {
  const points = liked.flatMap((vector) => normalised(vector) ?? []);
  if (points.length === 0) return [];
  const wanted = Math.max(1, Math.min(maxInterests, Math.floor(points.length / LIKES_PER_INTEREST)));
  let directions = [points[0]!];
  while (directions.length < wanted) {
    let farthest = points[0]!;
    let lowest = Number.POSITIVE_INFINITY;
    for (const point of points) {
      const nearest = dot(point, directions[nearestOf(point, directions)]!);
      if (nearest < lowest) [lowest, farthest] = [nearest, point];
    }
    // Every paper already lies on a direction: another would repeat one.
    if (lowest > 1 - 1e-6) break;
    directions.push(farthest);
  }
  let groups: Float32Array[][] = [];
  for (let round = 0; round < KMEANS_ROUNDS; round++) {
    groups = directions.map((): Float32Array[] => []);
    for (const point of points) groups[nearestOf(point, directions)]!.push(point);
    directions = groups.map((group, i) => meanDirection(group) ?? directions[i]!);
  }
  return directions
    .map((direction, i) => ({ direction, likes: groups[i]!.length }))
    .filter((interest) => interest.likes > 0);
}

/** A candidate alike to one of the interests, before its paper is read. */
export interface RankedCandidate {
  vector: PaperVector;
  similarity: number;
}

/**
 * The candidates alike to an interest (their cosine to the nearest one reaching SIMILAR_FROM), each
 * queued under that interest, most alike first. The interests then share the places in proportion to
 * the likes behind them (D'Hondt: each next place goes to the interest with the most likes per place it
 * already has; the first of equals), so a member's main topic leads and a second one is not crowded out
 * by a topic whose papers happen to lie closer together. Ties keep the candidates' order (the store lists
 * a period's most upvoted first). Pure: vectors in, ranking out.
 */
export function rankByInterests(
  candidates: PaperVector[],
  interests: Interest[],
  limit: number,
): RankedCandidate[] {
  const queues = interests.map((): RankedCandidate[] => []);
  for (const vector of candidates) {
    const cosines = interests.map((interest) => dotProduct(vector, interest.direction));
    const best = cosines.indexOf(Math.max(...cosines));
    if (cosines[best]! >= SIMILAR_FROM) queues[best]!.push({ vector, similarity: cosines[best]! });
  }
  for (const queue of queues) queue.sort((a, b) => b.similarity - a.similarity);
  const taken = interests.map(() => 0);
  const ranked: RankedCandidate[] = [];
  while (ranked.length < limit) {
    let next = -1;
    for (let i = 0; i < interests.length; i++) {
      if (taken[i]! >= queues[i]!.length) continue;
      if (next === -1 || interests[i]!.likes / (taken[i]! + 1) > interests[next]!.likes / (taken[next]! + 1))
        next = i;
    }
    if (next === -1) break;
    ranked.push(queues[next]![taken[next]!]!);
    taken[next]!++;
  }
  return ranked;
}

/** The liked paper a vector is most alike to: what a pick says it is like. */
export function closestLiked(vector: PaperVector, liked: LikedVector[]): LikedPaper {
  let closest = liked[0]!;
  let best = Number.NEGATIVE_INFINITY;
  for (const entry of liked) {
    const cosine = dotProduct(vector, entry.vector);
    if (cosine > best) [best, closest] = [cosine, entry];
  }
  return closest.paper;
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
   * Of these vectors, those of papers the member has not upvoted or saved: the interests are made of at
   * most MAX_LIKED of them, but none of the rest is news to the member either.
   */
  private async notYetLiked(
    userId: string,
    vectors: PaperVector[],
    own: Set<string>,
  ): Promise<PaperVector[]> {
    const unseen = vectors.filter((vector) => !own.has(vector.paperId));
    const voted = new Set(
      await this.sources.votes.votedAmong(
        userId,
        unseen.map((vector) => vector.paperId),
      ),
    );
    return unseen.filter((vector) => !voted.has(vector.paperId));
  }

  /** The ranked candidates' papers, in order, until `limit` are shown: papers moderators hid drop out. */
  private async shown(
    ranked: RankedCandidate[],
    liked: LikedVector[],
    limit: number,
  ): Promise<Recommendation[]> {
    const picks: Recommendation[] = [];
    for (let start = 0; start < ranked.length && picks.length < limit; start += limit) {
      const slice = ranked.slice(start, start + limit);
      const papers = new Map(
        (await this.sources.papers.getPapers(slice.map(({ vector }) => vector.paperId))).map((p) => [
          p.id,
          p,
        ]),
      );
      for (const { vector, similarity } of slice) {
        const paper = papers.get(vector.paperId);
        if (paper && picks.length < limit)
          picks.push({ paper, similarity, closestLiked: closestLiked(vector, liked) });
      }
    }
    return picks;
  }

  /**
   * Every paper: the index's nearest to each interest that the member has not liked, enough to fill the
   * page. The member's own papers are the nearest of all and hidden ones drop out, so k grows until the
   * page is full, the index runs out, or every interest's farthest neighbour is no longer alike.
   */
  private async fromEveryPaper(
    model: RecommendationModel,
    interests: Interest[],
    liked: LikedVector[],
    userId: string,
    own: Set<string>,
  ): Promise<Recommendation[]> {
    for (let k = RECOMMENDATIONS_SHOWN + Math.min(own.size, MAX_LIKED); ; k *= 4) {
      const asked = Math.min(k, MAX_CANDIDATES);
      const neighbours = interests.map((interest) => model.nearest(interest.direction, asked));
      const ids = [...new Set(neighbours.flatMap((list) => list.map((neighbour) => neighbour.paperId)))];
      const candidates = await this.notYetLiked(
        userId,
        await this.sources.papers.vectorsOf(model.modelId, ids),
        own,
      );
      const ranked = rankByInterests(candidates, interests, candidates.length);
      const picks = await this.shown(ranked, liked, RECOMMENDATIONS_SHOWN);
      const exhausted = neighbours.every(
        (list) => list.length < asked || (list.at(-1)?.similarity ?? Number.NEGATIVE_INFINITY) < SIMILAR_FROM,
      );
      if (picks.length >= RECOMMENDATIONS_SHOWN || exhausted || asked >= MAX_CANDIDATES) return picks;
    }
  }

  async forUser(userId: string, period: RecommendationPeriod): Promise<Recommendations> {
    const { papers, votes, model } = this.sources;
    if (model === null) return { status: "no-model" };
    const voted = (await votes.userVotes(userId, MAX_LIKED)).map((vote) => vote.paperId);
    const own = new Set([...voted, ...(await this.savedIds(userId))]);
    // Newest upvotes first, then saved papers; papers moderators hid are no part of the interests.
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
    const interests = interestsOf(liked.map((entry) => entry.vector));
    const latest = await papers.latestDay();
    if (interests.length === 0 || latest === null) return { status: "no-taste", liked: likedPapers.length };
    if (period === "all") {
      const picks = await this.fromEveryPaper(model, interests, liked, userId, own);
      return { status: "ready", liked: likedPapers.length, from: null, to: null, picks };
    }
    const from = addDays(latest, 1 - PERIOD_DAYS[period]);
    const listed = await papers.vectorsListedBetween(model.modelId, from, latest, MAX_CANDIDATES);
    const ranked = rankByInterests(
      await this.notYetLiked(userId, listed, own),
      interests,
      RECOMMENDATIONS_SHOWN,
    );
    const picks = await this.shown(ranked, liked, RECOMMENDATIONS_SHOWN);
    return { status: "ready", liked: likedPapers.length, from, to: latest, picks };
  }
}
