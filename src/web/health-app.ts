import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import type { PaperStore } from "../store/store.js";
import { healthRoutes } from "./api/routes.js";
import { HealthService } from "./services/health-service.js";
import { PaperService } from "./services/paper-service.js";

/**
 * A worker's web surface (PAPERPULSE_ROLE=worker): `/healthz` alone, for the process supervisor or the
 * orchestrator's probe. A worker keeps no vector index and serves no pages (ADR 0020), so a request
 * meant for the site that reaches it gets a 404 rather than a lexical-only copy of the site.
 */
export async function buildHealthApp(options: {
  store: PaperStore;
  logger?: FastifyServerOptions["logger"];
}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  await app.register(healthRoutes, { health: new HealthService(new PaperService(options.store)) });
  return app;
}
