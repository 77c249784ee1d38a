import type { FastifyRequest } from "fastify";
import type { IngestHealthService } from "../services/ingest-health-service.js";
import type { PaperService } from "../services/paper-service.js";

export interface ApiDeps {
  papers: PaperService;
  ingestHealth: IngestHealthService;
  /** Throws unless the request may read operational data (moderators, where accounts exist). */
  guardAdmin?: (request: FastifyRequest) => void;
}
