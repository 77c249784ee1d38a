import type { SearchService } from "../../search/search-service.js";
import type { IngestHealthService } from "../services/ingest-health-service.js";
import type { PaperService } from "../services/paper-service.js";

export interface ApiDeps {
  papers: PaperService;
  ingestHealth: IngestHealthService;
  search: SearchService;
}
