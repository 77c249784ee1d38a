import type { FastifyRequest } from "fastify";
import type { SearchService } from "../../search/search-service.js";
import type { IngestHealthService } from "../services/ingest-health-service.js";
import type { PaperService } from "../services/paper-service.js";

export interface ApiDeps {
  papers: PaperService;
  ingestHealth: IngestHealthService;
  /** PAPERPULSE_PUBLIC_URL, or null to take the address from each request. */
  publicUrl: string | null;
  search: SearchService;
  /** Throws unless the request may read operational data (moderators, where accounts exist). */
  guardAdmin?: (request: FastifyRequest) => void;
}
