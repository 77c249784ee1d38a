import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { exclusionsOnlyNotice, isEmptyQuery } from "../../core/search-query.js";
import { BadRequestError } from "../errors.js";
import { readSearchInput } from "../search-input.js";
import type { PageDeps } from "./deps.js";
import type { ExportFormat } from "./export-format.js";
import { sendExport } from "./export-format.js";
import type { searchPageSchema } from "./schemas.js";

type Query = Static<typeof searchPageSchema.querystring>;

/** Hits per exported search page, the same as the search page shows. */
const HITS_PER_PAGE = 20;

/** GET /export/search.bib?q=… — the citations of one search result page, in its order. */
export function searchExport(format: ExportFormat, { search }: PageDeps) {
  return async (request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
    const { q = "", page = 1, sort, mode = "hybrid", ...fields } = request.query;
    const input = readSearchInput(q, fields, sort);
    if (input.problems.length > 0) throw new BadRequestError(input.problems.join(" "));
    if (isEmptyQuery(input.query)) {
      throw new BadRequestError(
        exclusionsOnlyNotice(input.query) ?? "Export a search: /export/search.bib?q=diffusion.",
      );
    }
    const result = await search.search(input.query, {
      mode,
      sort: input.sort,
      limit: HITS_PER_PAGE,
      offset: (page - 1) * HITS_PER_PAGE,
    });
    return sendExport(
      reply,
      result.hits.map((hit) => hit.paper),
      format,
      "search",
    );
  };
}
