import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { parseArxivId } from "../../core/arxiv-id.js";
import { exclusionsOnlyNotice, isEmptyQuery } from "../../core/search-query.js";
import { paperPath } from "../presenters/paper-card.js";
import { presentSearchPage, type SearchForm } from "../presenters/search-page.js";
import { readSearchInput, reversedRangeNotice } from "../search-input.js";
import { renderSearchPage } from "../views/search-page.js";
import { commentCountsOf, withCommentCount } from "./comment-counts.js";
import type { PageDeps } from "./deps.js";
import type { searchPageSchema } from "./schemas.js";
import { sendPage } from "./send-html.js";
import { pageForVisitor } from "./visitor-page.js";

type Query = Static<typeof searchPageSchema.querystring>;

const HITS_PER_PAGE = 20;

/**
 * GET /search?q= — hybrid ranking unless mode= says otherwise; never an error for odd input: the
 * parser degrades it, unreadable fields are dropped, and the page says so.
 */
export function searchShow(deps: PageDeps) {
  const { search } = deps;
  return async (request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
    const {
      q = "",
      page = 1,
      sort,
      mode = "hybrid",
      category = "",
      author = "",
      from = "",
      to = "",
    } = request.query;
    const form: SearchForm = {
      q: q.trim(),
      category: category.trim(),
      author: author.trim(),
      from,
      to,
      sort: sort ?? "relevance",
      mode,
    };
    // A pasted arXiv id or address ("2509.09672", "arXiv:2509.09672v2", its abs URL) means that paper.
    const asked = page === 1 ? parseArxivId(form.q) : null;
    if (asked && (await deps.papers.getPaper(asked.id))) return reply.redirect(paperPath(asked.id), 303);
    const body = await pageForVisitor(
      request,
      reply,
      deps,
      `/search?${new URLSearchParams({ ...form, page: String(page) })}`,
      async (visitorFor) => {
        const input = readSearchInput(q, form, sort);
        const searched = !isEmptyQuery(input.query);
        // The trend covers the whole corpus: counted for the first page, where readers look at it, in the
        // lexical pass that finds the matches anyway.
        const result = searched
          ? await search.search(input.query, {
              mode,
              sort: input.sort,
              limit: HITS_PER_PAGE,
              offset: (page - 1) * HITS_PER_PAGE,
              monthCounts: page === 1,
            })
          : null;
        const monthCounts = result?.monthCounts ?? null;
        const notices = [
          asked
            ? `arXiv:${asked.id} is not here yet: submit it to add it (/submit?paper=${asked.id}).`
            : null,
          input.query.notice,
          exclusionsOnlyNotice(input.query),
          reversedRangeNotice(input.query.filters),
          ...input.problems,
        ].filter((notice) => notice !== null);
        const model = presentSearchPage(
          form,
          notices,
          result,
          page,
          HITS_PER_PAGE,
          monthCounts,
          input.applied,
        );
        const paperIds = result?.hits.map((hit) => hit.paper.id) ?? [];
        const counts = await commentCountsOf(deps.comments, paperIds);
        const hits = model.hits.map((hit) => ({ ...hit, card: withCommentCount(hit.card, counts) }));
        return renderSearchPage({ ...model, hits }, await visitorFor(paperIds));
      },
    );
    return sendPage(request, reply, body);
  };
}
