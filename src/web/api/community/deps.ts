import type { AccountService } from "../../../community/accounts.js";
import type { CollectionService } from "../../../community/collections.js";
import type { CommentService } from "../../../community/comments.js";
import type { RecommendationService } from "../../../community/recommendations.js";
import type { SubmissionService } from "../../../community/submissions.js";
import type { VoteService } from "../../../community/votes.js";
import type { CookiePolicy } from "../../auth/cookies.js";
import type { PaperService } from "../../services/paper-service.js";

export interface CommunityApiDeps {
  accounts: AccountService;
  cookies: CookiePolicy;
  votes: VoteService;
  submissions: SubmissionService;
  comments: CommentService;
  collections: CollectionService;
  papers: PaperService;
  recommendations: RecommendationService;
}
