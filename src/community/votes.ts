import { rankTrending, TRENDING_WINDOW_DAYS, type TrendingScore } from "../core/trending.js";
import type { PaperVote, VoteResult, VoteStore } from "../store/votes-store.js";
import { CommunityError } from "./errors.js";
import type { RateLimiter } from "./rate-limiter.js";

/** Upvotes (idempotent, per user and IP rate-limited) and the trending ranking they feed. */
export class VoteService {
  constructor(
    private readonly votes: VoteStore,
    private readonly limiter: RateLimiter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async vote(userId: string, paperId: string, ip: string): Promise<VoteResult> {
    await this.limiter.hit("vote", [`user:${userId}`, `ip:${ip}`]);
    const result = await this.votes.addVote(userId, paperId, this.now().toISOString());
    if (result === "hidden")
      throw new CommunityError(
        "conflict",
        `Moderators took arXiv:${paperId} off the lists, so it takes no new votes; its page says why.`,
      );
    return found(result, paperId);
  }

  async unvote(userId: string, paperId: string, ip: string): Promise<VoteResult> {
    await this.limiter.hit("vote", [`user:${userId}`, `ip:${ip}`]);
    return found(await this.votes.removeVote(userId, paperId), paperId);
  }

  async votedAmong(userId: string, paperIds: string[]): Promise<Set<string>> {
    return new Set(await this.votes.votedAmong(userId, paperIds));
  }

  userVotes(userId: string, limit: number): Promise<PaperVote[]> {
    return this.votes.userVotes(userId, limit);
  }

  /** Papers by decayed recent votes (core/trending documents the formula). */
  async trending(limit: number): Promise<TrendingScore[]> {
    const now = this.now();
    const since = new Date(now.getTime() - TRENDING_WINDOW_DAYS * 24 * 3_600_000).toISOString();
    return rankTrending(await this.votes.votesSince(since), { now }).slice(0, limit);
  }
}

function found(result: VoteResult | null, paperId: string): VoteResult {
  if (!result) throw new CommunityError("not_found", `No paper with id ${paperId}.`);
  return result;
}
