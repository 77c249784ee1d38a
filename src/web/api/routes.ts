import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { HealthService } from "../services/health-service.js";
import { dailyPapers } from "./daily-papers.js";
import type { ApiDeps } from "./deps.js";
import { sendApiError, sendApiNotFound } from "./error-handler.js";
import { healthShow } from "./health-show.js";
import { apiHttpCaching } from "./http-caching.js";
import { ingestHealth, ingestHealthSchema } from "./ingest-health.js";
import { paperShow } from "./paper-show.js";
import { oldStylePaperSimilarSchema, paperSimilar, paperSimilarSchema } from "./paper-similar.js";
import { papersList } from "./papers-list.js";
import {
  dailyPapersSchema,
  healthSchema,
  paperShowSchema,
  papersListSchema,
  searchSchema,
} from "./schemas.js";
import { search } from "./search.js";

/** The JSON API's route table (mounted under /api). */
export const apiRoutes: FastifyPluginAsyncTypebox<ApiDeps> = async (app, deps) => {
  app.setErrorHandler(sendApiError);
  app.setNotFoundHandler(sendApiNotFound);
  apiHttpCaching(app);

  app.get("/papers", { schema: papersListSchema }, papersList(deps));
  // A wildcard, because old-style ids contain a slash (hep-th/9901001).
  app.get("/papers/*", { schema: paperShowSchema }, paperShow(deps));
  app.get("/papers/:id/similar", { schema: paperSimilarSchema }, paperSimilar(deps));
  app.get("/papers/:archive/:number/similar", { schema: oldStylePaperSimilarSchema }, paperSimilar(deps));
  app.get("/search", { schema: searchSchema }, search(deps));
  app.get("/daily_papers", { schema: dailyPapersSchema }, dailyPapers(deps));

  app.get("/admin/ingest", { schema: ingestHealthSchema }, ingestHealth(deps));
};

/** Operational endpoints, outside /api but answering in the API's JSON format. */
export const healthRoutes: FastifyPluginAsyncTypebox<{ health: HealthService }> = async (app, { health }) => {
  app.setErrorHandler(sendApiError);
  app.get("/healthz", { schema: healthSchema }, healthShow(health));
};
