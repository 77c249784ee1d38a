import type { SearchService } from "../../search/search-service.js";
import type { PageCache } from "../page-cache.js";
import type { IngestHealthService } from "../services/ingest-health-service.js";
import type { PaperService } from "../services/paper-service.js";

export interface PageDeps {
  papers: PaperService;
  ingestHealth: IngestHealthService;
  search: SearchService;
  cache: PageCache;
}

/** Papers per page on every listing. */
export const PER_PAGE = 30;
