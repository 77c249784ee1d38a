import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { canonicalCategory } from "../../core/arxiv-categories.js";
import { NO_FILTERS } from "../../core/search-filters.js";
import { parseSearchQuery } from "../../core/search-query.js";
import { NotFoundError } from "../errors.js";
import { categoryPath } from "../presenters/links.js";
import { withQuery } from "../presenters/pagination.js";
import { presentCategoryPage } from "../presenters/paper-list-page.js";
import { renderPaperListPage } from "../views/paper-list-page.js";
import { commentCountsOf, withCommentCount } from "./comment-counts.js";
import { type PageDeps, PER_PAGE } from "./deps.js";
import type { categoryPageSchema } from "./schemas.js";
import { sendPage } from "./send-html.js";
import { pageForVisitor } from "./visitor-page.js";

type Request = FastifyRequest<{
  Params: Static<typeof categoryPageSchema.params>;
  Querystring: Static<typeof categoryPageSchema.querystring>;
}>;

/** GET /categories/:code — every paper of an arXiv category or archive (cs covers cs.LG), newest first. */
export function categoryShow(deps: PageDeps) {
  const { search } = deps;
  return async (request: Request, reply: FastifyReply) => {
    const { code: asked } = request.params;
    const { page = 1, sort = "date" } = request.query;
    const code = canonicalCategory(asked);
    if (!code) throw new NotFoundError(`arXiv has no category “${asked.slice(0, 80)}”: try cs.LG or math.`);
    if (code !== asked) {
      return reply.redirect(
        withQuery(categoryPath(code), { sort: sort === "date" ? null : sort, page: page > 1 ? page : null }),
        301,
      );
    }
    const body = await pageForVisitor(
      request,
      reply,
      deps,
      `/categories/${code}?${sort}&${page}`,
      async (visitorFor) => {
        const query = { ...parseSearchQuery(""), filters: { ...NO_FILTERS, categories: [code] } };
        const result = await search.search(query, {
          mode: "lexical",
          sort,
          limit: PER_PAGE,
          offset: (page - 1) * PER_PAGE,
        });
        const model = presentCategoryPage(code, { sort, page, perPage: PER_PAGE, result });
        const paperIds = result.hits.map((hit) => hit.paper.id);
        const counts = await commentCountsOf(deps.comments, paperIds);
        const cards = model.cards.map((card) => withCommentCount(card, counts));
        return renderPaperListPage({ ...model, cards }, await visitorFor(paperIds));
      },
    );
    return sendPage(request, reply, body);
  };
}
