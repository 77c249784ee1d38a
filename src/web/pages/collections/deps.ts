import type { CollectionService } from "../../../community/collections.js";
import type { PaperService } from "../../services/paper-service.js";
import type { VisitorService } from "../../services/visitor-service.js";

export interface CollectionPageDeps {
  collections: CollectionService;
  papers: PaperService;
  visitors: VisitorService;
}
