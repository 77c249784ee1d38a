import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { isEmptyQuery } from "../../core/search-query.js";
import { presentSearchPage } from "../presenters/search-page.js";
import { readSearchInput } from "../search-input.js";
import { renderSearchPage } from "../views/search-page.js";
import type { PageDeps } from "./deps.js";
import type { searchPageSchema } from "./schemas.js";
import { sendPage } from "./send-html.js";

type Query = Static<typeof searchPageSchema.querystring>;

const HITS_PER_PAGE = 20;

/** GET /search?q= — never an error for odd input: the parser degrades it, unreadable fields are dropped, and the page says so. */
export function searchShow({ papers, cache }: PageDeps) {
  return async (request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
    const { q = "", page = 1, sort, category = "", author = "", from = "", to = "" } = request.query;
    const form = {
      q: q.trim(),
      category: category.trim(),
      author: author.trim(),
      from,
      to,
      sort: sort ?? "relevance",
    };
    const body = await cache.getOrRender(
      `/search?${new URLSearchParams({ ...form, page: String(page) })}`,
      async () => {
        const input = readSearchInput(q, form, sort);
        const result = isEmptyQuery(input.query)
          ? null
          : await papers.search(input.query, input.sort, { page, perPage: HITS_PER_PAGE });
        const notices = [input.query.notice, ...input.problems].filter((notice) => notice !== null);
        return renderSearchPage(presentSearchPage(form, notices, result, page, HITS_PER_PAGE));
      },
    );
    return sendPage(request, reply, body);
  };
}
