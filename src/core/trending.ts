/**
 * Trending: recent votes with time decay. Each community vote counts
 *
 *     weight = 2 ^ (−age / halfLife)
 *
 * where age is how long ago it was cast (votes from the future count as age 0) and halfLife is
 * 24 hours by default: a vote cast now is worth 1, a day-old vote ½, a week-old vote 1/128. A paper's
 * score is the sum of its votes' weights; only votes inside the window (7 days by default) are read,
 * since older ones add less than 1%. Baseline upvotes carried by sources have no time and do not
 * count. Ties go to the paper with the most recent vote, then to the newer paper id.
 */
export interface TrendingVote {
  paperId: string;
  /** ISO time the vote was cast. */
  votedAt: string;
}

export interface TrendingOptions {
  now: Date;
  halfLifeHours?: number;
}

export interface TrendingScore {
  paperId: string;
  score: number;
  /** Votes counted (inside the window given to the store). */
  votes: number;
  latestVoteAt: string;
}

export const TRENDING_HALF_LIFE_HOURS = 24;
export const TRENDING_WINDOW_DAYS = 7;

const HOUR_MS = 3_600_000;

export function voteWeight(ageMs: number, halfLifeHours = TRENDING_HALF_LIFE_HOURS): number {
  return 2 ** (-Math.max(0, ageMs) / (halfLifeHours * HOUR_MS));
}

/** Papers by decayed vote weight, highest first. */
export function rankTrending(votes: TrendingVote[], options: TrendingOptions): TrendingScore[] {
  const now = options.now.getTime();
  const byPaper = new Map<string, TrendingScore>();
  for (const vote of votes) {
    const weight = voteWeight(now - Date.parse(vote.votedAt), options.halfLifeHours);
    const entry = byPaper.get(vote.paperId);
    if (!entry) {
      byPaper.set(vote.paperId, {
        paperId: vote.paperId,
        score: weight,
        votes: 1,
        latestVoteAt: vote.votedAt,
      });
      continue;
    }
    entry.score += weight;
    entry.votes++;
    if (vote.votedAt > entry.latestVoteAt) entry.latestVoteAt = vote.votedAt;
  }
  return [...byPaper.values()].sort(
    (a, b) =>
      b.score - a.score || b.latestVoteAt.localeCompare(a.latestVoteAt) || b.paperId.localeCompare(a.paperId),
  );
}
