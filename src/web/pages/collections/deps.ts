import type { CollectionService } from "../../../community/collections.js";
import type { CommentService } from "../../../community/comments.js";
import type { PaperService } from "../../services/paper-service.js";
import type { VisitorService } from "../../services/visitor-service.js";

export interface CollectionPageDeps {
  collections: CollectionService;
  /** Cards show their papers' comment counts. */
  comments: CommentService;
  papers: PaperService;
  visitors: VisitorService;
}
