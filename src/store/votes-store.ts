/** Community upvotes: one per user per paper. A paper's shown count is its source baseline plus these. */
export interface VoteResult {
  /** False when the vote was already there (or already gone): the call changed nothing. */
  changed: boolean;
  /** The paper's count after the call: the baseline its sources carried plus community votes. */
  upvotes: number;
}

export interface PaperVote {
  paperId: string;
  votedAt: string;
}

export interface VoteStore {
  /**
   * Adds the user's vote and the paper's count in one transaction; null when there is no such paper,
   * "hidden" (and nothing changed) when moderators took it off the lists.
   */
  addVote(userId: string, paperId: string, at: string): Promise<VoteResult | "hidden" | null>;
  /** Removes it the same way; null when there is no such paper. */
  removeVote(userId: string, paperId: string): Promise<VoteResult | null>;
  /** Which of these papers the user has upvoted. */
  votedAmong(userId: string, paperIds: string[]): Promise<string[]>;
  /** The user's votes, newest first. */
  userVotes(userId: string, limit: number): Promise<PaperVote[]>;
  /** Every vote cast at or after `since` (ISO time), for the trending ranking. */
  votesSince(since: string): Promise<PaperVote[]>;
}
