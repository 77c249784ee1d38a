import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { isEmptyQuery, parseSearchQuery } from "../../core/search-query.js";
import { presentSearchPage } from "../presenters/search-page.js";
import { renderSearchPage } from "../views/search-page.js";
import type { PageDeps } from "./deps.js";
import type { searchPageSchema } from "./schemas.js";
import { sendPage } from "./send-html.js";

type Query = Static<typeof searchPageSchema.querystring>;

const HITS_PER_PAGE = 20;

/** GET /search?q= — never an error for odd input: the parser degrades it and says so. */
export function searchShow({ search, cache }: PageDeps) {
  return async (request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
    const { q = "", page = 1, mode = "hybrid" } = request.query;
    const body = await cache.getOrRender(
      `/search?${new URLSearchParams({ q, page: String(page), mode })}`,
      async () => {
        const query = parseSearchQuery(q);
        const result = isEmptyQuery(query)
          ? null
          : await search.search(query, {
              mode,
              sort: "relevance",
              limit: HITS_PER_PAGE,
              offset: (page - 1) * HITS_PER_PAGE,
            });
        return renderSearchPage(presentSearchPage(q.trim(), query.notice, result, page, HITS_PER_PAGE, mode));
      },
    );
    return sendPage(request, reply, body);
  };
}
