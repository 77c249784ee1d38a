import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { exclusionsOnlyNotice, isEmptyQuery } from "../../core/search-query.js";
import { BadRequestError } from "../errors.js";
import { presentSearchHitJson } from "../presenters/search-hit.js";
import { readSearchInput, reversedRangeNotice } from "../search-input.js";
import type { ApiDeps } from "./deps.js";
import type { searchSchema } from "./schemas.js";

type Query = Static<typeof searchSchema.querystring>;
type Response = Static<(typeof searchSchema.response)[200]>;

/**
 * GET /api/search — malformed query text degrades to plain words with a notice; a filter parameter
 * that cannot be read, or a search with neither words nor filters (exclusions alone included), is refused.
 */
export function search({ search }: ApiDeps) {
  return async (request: FastifyRequest<{ Querystring: Query }>): Promise<Response> => {
    const { q = "", mode = "hybrid", page = 1, limit = 20, sort, ...fields } = request.query;
    const input = readSearchInput(q, fields, sort);
    if (input.problems.length > 0) throw new BadRequestError(input.problems.join(" "));
    if (isEmptyQuery(input.query)) {
      throw new BadRequestError(
        exclusionsOnlyNotice(input.query) ??
          "The query has nothing to search for: try q=diffusion models or category=cs.LG.",
      );
    }
    const result = await search.search(input.query, {
      mode,
      sort: input.sort,
      limit,
      offset: (page - 1) * limit,
    });
    return {
      query: q,
      mode: result.mode,
      notice:
        [input.query.notice, reversedRangeNotice(input.query.filters)].filter(Boolean).join(" ") || null,
      total: result.total,
      truncated: result.truncated,
      page,
      limit,
      hits: result.hits.map(presentSearchHitJson),
    };
  };
}
