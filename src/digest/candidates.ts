import { type Interest, interestsOf } from "../community/recommendations.js";
import type { Paper } from "../core/paper.js";
import type { Embedder } from "../search/embedder.js";
import type { CommunityStores } from "../store/community-stores.js";
import type { Feedback, Subscriber } from "../store/digest-store.js";
import type { PaperStore } from "../store/store.js";
import { CandidateIndex, type Similarity } from "./selection.js";

/** Most papers one digest chooses from (a week of the busiest categories fits). */
const MAX_CANDIDATES = 5_000;
/** Most liked papers a subscriber's taste is computed from. */
const MAX_LIKED = 200;

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

/** The cosine of a vector to the nearest of some interests; undefined without any. */
function nearestInterest(vector: Float32Array, interests: Interest[]): number | undefined {
  if (interests.length === 0) return undefined;
  return Math.max(...interests.map((interest) => dot(vector, interest.direction)));
}

function paperText(paper: Paper): string {
  return `${paper.title}\n${paper.abstract}`;
}

/**
 * What digests choose from, loaded once per listing-day range and run (10,000 subscribers share a
 * handful of ranges), and each subscriber's similarities to what they liked, by the semantic model
 * when there is one. Without a model, personal digests rank by their topics alone.
 */
export class CandidateSource {
  private readonly byRange = new Map<string, Paper[]>();
  private readonly vectors = new Map<string, Float32Array>();
  private readonly indexes = new Map<Paper[], CandidateIndex>();

  constructor(
    private readonly papers: PaperStore,
    private readonly community: CommunityStores | null,
    private readonly embedder: Embedder | null,
  ) {}

  async papersOn(from: string, to: string): Promise<Paper[]> {
    const key = `${from}/${to}`;
    let papers = this.byRange.get(key);
    if (!papers) {
      const page = await this.papers.listPapers({
        from,
        to,
        sort: "upvotes",
        limit: MAX_CANDIDATES,
        offset: 0,
      });
      papers = page.papers;
      this.byRange.set(key, papers);
    }
    return papers;
  }

  /** The candidates' index for selection, built once per candidate list. */
  indexOf(papers: Paper[]): CandidateIndex {
    let index = this.indexes.get(papers);
    if (!index) {
      index = new CandidateIndex(papers);
      this.indexes.set(papers, index);
    }
    return index;
  }

  private vectorOf(paper: Paper): Float32Array | null {
    if (!this.embedder) return null;
    let vector = this.vectors.get(paper.id);
    if (!vector) {
      vector = this.embedder.embed(paperText(paper));
      this.vectors.set(paper.id, vector);
    }
    return vector;
  }

  /** The papers the subscriber liked (upvoted, saved, "more like this") and disliked ("less like this"). */
  private async taste(
    subscriber: Subscriber,
    feedback: Feedback[],
  ): Promise<{ liked: string[]; disliked: string[] }> {
    const liked = feedback.filter((entry) => entry.signal === 1).map((entry) => entry.paperId);
    const disliked = feedback.filter((entry) => entry.signal === -1).map((entry) => entry.paperId);
    if (subscriber.topics.likeMyPapers && subscriber.userId && this.community) {
      const votes = await this.community.votes.userVotes(subscriber.userId, MAX_LIKED);
      liked.push(...votes.map((vote) => vote.paperId));
      for (const collection of await this.community.collections.userCollections(subscriber.userId)) {
        const items = await this.community.collections.items(collection.id);
        liked.push(...items.map((item) => item.paperId));
      }
    }
    return { liked: [...new Set(liked)].slice(0, MAX_LIKED), disliked: disliked.slice(0, MAX_LIKED) };
  }

  /** The papers' vectors grouped into interests, as "for you" groups them (interestsOf). */
  private async interestsIn(ids: string[]): Promise<Interest[]> {
    if (ids.length === 0 || !this.embedder) return [];
    const papers = await this.papers.getPapers(ids);
    return interestsOf(papers.map((paper) => this.vectorOf(paper)).filter((vector) => vector !== null));
  }

  /** Similarities of the candidates to the subscriber's taste; empty without a model or a taste. */
  async similarities(
    subscriber: Subscriber,
    feedback: Feedback[],
    candidates: Paper[],
  ): Promise<Map<string, Similarity>> {
    const result = new Map<string, Similarity>();
    if (!this.embedder) return result;
    const taste = await this.taste(subscriber, feedback);
    const liked = await this.interestsIn(taste.liked);
    const disliked = await this.interestsIn(taste.disliked);
    if (liked.length === 0 && disliked.length === 0) return result;
    const own = new Set([...taste.liked, ...taste.disliked]);
    for (const paper of candidates) {
      if (own.has(paper.id)) continue;
      const vector = this.vectorOf(paper);
      if (!vector) continue;
      result.set(paper.id, {
        liked: nearestInterest(vector, liked),
        disliked: nearestInterest(vector, disliked),
      });
    }
    return result;
  }
}
