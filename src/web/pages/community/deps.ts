import type { SubmissionService } from "../../../community/submissions.js";
import type { VoteService } from "../../../community/votes.js";
import type { PageDeps } from "../deps.js";

export interface CommunityPageDeps extends PageDeps {
  votes: VoteService;
  submissions: SubmissionService;
}
