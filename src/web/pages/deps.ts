import type { PageCache } from "../page-cache.js";
import type { IngestHealthService } from "../services/ingest-health-service.js";
import type { PaperService } from "../services/paper-service.js";
import type { VisitorService } from "../services/visitor-service.js";

export interface PageDeps {
  papers: PaperService;
  ingestHealth: IngestHealthService;
  cache: PageCache;
  /** Present when accounts exist: pages then show the signed-in visitor's own state. */
  visitors?: VisitorService;
}

/** Papers per page on every listing. */
export const PER_PAGE = 30;
