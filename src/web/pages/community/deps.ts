import type { CommentService } from "../../../community/comments.js";
import type { ModerationService } from "../../../community/moderation.js";
import type { RecommendationService } from "../../../community/recommendations.js";
import type { SubmissionService } from "../../../community/submissions.js";
import type { VoteService } from "../../../community/votes.js";
import type { PageDeps } from "../deps.js";

export interface CommunityPageDeps extends PageDeps {
  votes: VoteService;
  submissions: SubmissionService;
  comments: CommentService;
  moderation: ModerationService;
  recommendations: RecommendationService;
}
