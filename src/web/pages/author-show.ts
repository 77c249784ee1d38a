import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { authorNameWords, NO_FILTERS } from "../../core/search-filters.js";
import { parseSearchQuery } from "../../core/search-query.js";
import { BadRequestError } from "../errors.js";
import { presentAuthorPage } from "../presenters/paper-list-page.js";
import { renderPaperListPage } from "../views/paper-list-page.js";
import { commentCountsOf, withCommentCount } from "./comment-counts.js";
import { type PageDeps, PER_PAGE } from "./deps.js";
import type { authorPageSchema } from "./schemas.js";
import { sendPage } from "./send-html.js";
import { pageForVisitor } from "./visitor-page.js";

type Request = FastifyRequest<{
  Params: Static<typeof authorPageSchema.params>;
  Querystring: Static<typeof authorPageSchema.querystring>;
}>;

/** GET /authors/:name — every paper of an author; names compare by their words, accents and case ignored. */
export function authorShow(deps: PageDeps) {
  const { search } = deps;
  return async (request: Request, reply: FastifyReply) => {
    const name = request.params.name.replace(/\s+/g, " ").trim();
    const { page = 1, sort = "date" } = request.query;
    const words = authorNameWords(name);
    if (words.length === 0)
      throw new BadRequestError("An author page needs a name, like /authors/Ada Lovelace.");
    const key = `/authors/${words.join(" ")}?${sort}&${page}&${name}`;
    const body = await pageForVisitor(request, reply, deps, key, async (visitorFor) => {
      const query = { ...parseSearchQuery(""), filters: { ...NO_FILTERS, authors: [words] } };
      const result = await search.search(query, {
        mode: "lexical",
        sort,
        limit: PER_PAGE,
        offset: (page - 1) * PER_PAGE,
      });
      const model = presentAuthorPage(name, { sort, page, perPage: PER_PAGE, result });
      const paperIds = result.hits.map((hit) => hit.paper.id);
      const counts = await commentCountsOf(deps.comments, paperIds);
      const cards = model.cards.map((card) => withCommentCount(card, counts));
      return renderPaperListPage({ ...model, cards }, await visitorFor(paperIds));
    });
    return sendPage(request, reply, body);
  };
}
