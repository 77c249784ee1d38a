import type { FastifyRequest } from "fastify";
import type { CommentService } from "../../community/comments.js";
import type { ModerationService } from "../../community/moderation.js";
import type { SearchService } from "../../search/search-service.js";
import type { PageCache } from "../page-cache.js";
import type { IngestHealthService } from "../services/ingest-health-service.js";
import type { PaperService } from "../services/paper-service.js";
import type { VisitorService } from "../services/visitor-service.js";

export interface PageDeps {
  papers: PaperService;
  ingestHealth: IngestHealthService;
  search: SearchService;
  cache: PageCache;
  /** Present when accounts exist: pages then show the signed-in visitor's own state. */
  visitors?: VisitorService;
  /** Present when accounts exist: paper pages show their comments, cards their counts. */
  comments?: CommentService;
  /** Present when accounts exist: a merged duplicate's page links the paper kept. */
  moderation?: ModerationService;
  /** Throws unless the request may see operational pages (moderators, where accounts exist). */
  guardAdmin?: (request: FastifyRequest) => void;
}

/** Papers per page on every listing. */
export const PER_PAGE = 30;
