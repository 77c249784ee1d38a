import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { isEmptyQuery, parseSearchQuery } from "../../core/search-query.js";
import { BadRequestError } from "../errors.js";
import { presentSearchHitJson } from "../presenters/search-hit.js";
import type { ApiDeps } from "./deps.js";
import type { searchSchema } from "./schemas.js";

type Query = Static<typeof searchSchema.querystring>;
type Response = Static<(typeof searchSchema.response)[200]>;

/** GET /api/search — malformed queries degrade to plain words with a notice; only a wordless one is refused. */
export function search({ search }: ApiDeps) {
  return async (request: FastifyRequest<{ Querystring: Query }>): Promise<Response> => {
    const { q = "", mode = "hybrid", page = 1, limit = 20 } = request.query;
    const query = parseSearchQuery(q);
    if (isEmptyQuery(query)) {
      throw new BadRequestError("The query has no words to search for: try q=diffusion models.");
    }
    const result = await search.search(query, {
      mode,
      sort: "relevance",
      limit,
      offset: (page - 1) * limit,
    });
    return {
      query: q,
      mode: result.mode,
      notice: query.notice,
      total: result.total,
      truncated: result.truncated,
      page,
      limit,
      hits: result.hits.map(presentSearchHitJson),
    };
  };
}
