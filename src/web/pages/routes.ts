import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { ApiExamplesService } from "../services/api-examples-service.js";
import { apiDocsShow, openApiShow } from "./api-docs-show.js";
import { authorShow } from "./author-show.js";
import { categoryShow } from "./category-show.js";
import type { PageDeps } from "./deps.js";
import { sendPageError, sendPageNotFound } from "./error-handler.js";
import { homeShow } from "./home-show.js";
import { ingestHealthPageSchema, ingestHealthShow } from "./ingest-health-show.js";
import { paperExport } from "./paper-export.js";
import { paperShow } from "./paper-show.js";
import { paperThumbnail } from "./paper-thumbnail.js";
import { periodLatest } from "./period-latest.js";
import { periodShow } from "./period-show.js";
import {
  authorPageSchema,
  categoryPageSchema,
  listingSchema,
  paperPageSchema,
  paperSchema,
  periodSchema,
  searchPageSchema,
} from "./schemas.js";
import { searchExport } from "./search-export.js";
import { searchShow } from "./search-show.js";

/** The HTML pages' route table; `examples` fill the API documentation's examples from this instance. */
export const pageRoutes: FastifyPluginAsyncTypebox<PageDeps & { examples: ApiExamplesService }> = async (
  app,
  deps,
) => {
  app.setErrorHandler(sendPageError);
  app.setNotFoundHandler(sendPageNotFound);

  app.get("/", { schema: listingSchema }, homeShow(deps));

  app.get("/days", periodLatest("day", deps));
  app.get("/days/:label", { schema: periodSchema }, periodShow("day", deps));
  app.get("/weeks", periodLatest("week", deps));
  app.get("/weeks/:label", { schema: periodSchema }, periodShow("week", deps));
  app.get("/months", periodLatest("month", deps));
  app.get("/months/:label", { schema: periodSchema }, periodShow("month", deps));

  // A wildcard, because old-style ids contain a slash (hep-th/9901001).
  app.get("/papers/*", { schema: paperPageSchema }, paperShow(deps));

  app.get("/authors/:name", { schema: authorPageSchema }, authorShow(deps));
  app.get("/categories/:code", { schema: categoryPageSchema }, categoryShow(deps));

  app.get("/search", { schema: searchPageSchema }, searchShow(deps));
  app.get("/docs", apiDocsShow(deps.examples));
  app.get("/openapi.json", openApiShow(deps.examples));
  app.get("/export/search.bib", { schema: searchPageSchema }, searchExport("bib", deps));
  app.get("/export/search.csl.json", { schema: searchPageSchema }, searchExport("csl.json", deps));
  app.get("/export/*", { schema: paperSchema }, paperExport(deps));
  app.get("/thumbnails/*", { schema: paperSchema }, paperThumbnail(deps));

  // Operational pages: moderators only wherever accounts exist (guardAdmin).
  app.get("/admin/ingest", { schema: ingestHealthPageSchema }, ingestHealthShow(deps));
};
