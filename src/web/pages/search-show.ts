import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { isEmptyQuery, parseSearchQuery } from "../../core/search-query.js";
import { presentSearchPage } from "../presenters/search-page.js";
import { renderSearchPage } from "../views/search-page.js";
import type { PageDeps } from "./deps.js";
import type { searchPageSchema } from "./schemas.js";
import { sendPage } from "./send-html.js";
import { pageForVisitor } from "./visitor-page.js";

type Query = Static<typeof searchPageSchema.querystring>;

const HITS_PER_PAGE = 20;

/** GET /search?q= — never an error for odd input: the parser degrades it and says so. */
export function searchShow(deps: PageDeps) {
  const { papers } = deps;
  return async (request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
    const { q = "", page = 1 } = request.query;
    const body = await pageForVisitor(
      request,
      reply,
      deps,
      `/search?${new URLSearchParams({ q, page: String(page) })}`,
      async (visitorFor) => {
        const query = parseSearchQuery(q);
        const result = isEmptyQuery(query)
          ? null
          : await papers.search(query, { page, perPage: HITS_PER_PAGE });
        const model = presentSearchPage(q.trim(), query.notice, result, page, HITS_PER_PAGE);
        const paperIds = result?.hits.map((hit) => hit.paper.id) ?? [];
        return renderSearchPage(model, await visitorFor(paperIds));
      },
    );
    return sendPage(request, reply, body);
  };
}
