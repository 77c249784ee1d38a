import type { PageCache } from "../page-cache.js";
import type { PaperService } from "../services/paper-service.js";

export interface PageDeps {
  papers: PaperService;
  cache: PageCache;
}

/** Papers per page on every listing. */
export const PER_PAGE = 30;
