import type { VoteService } from "../../../community/votes.js";

export interface CommunityApiDeps {
  votes: VoteService;
}
