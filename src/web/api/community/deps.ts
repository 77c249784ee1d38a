import type { SubmissionService } from "../../../community/submissions.js";
import type { VoteService } from "../../../community/votes.js";

export interface CommunityApiDeps {
  votes: VoteService;
  submissions: SubmissionService;
}
