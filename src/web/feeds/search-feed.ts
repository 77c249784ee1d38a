import type { FastifyReply, FastifyRequest } from "fastify";
import { exclusionsOnlyNotice, isEmptyQuery } from "../../core/search-query.js";
import { BadRequestError } from "../errors.js";
import { originOf } from "../origin.js";
import { queryString } from "../presenters/pagination.js";
import { presentPaperFeed } from "../presenters/paper-feed.js";
import { type SearchForm, searchParams } from "../presenters/search-page.js";
import { readSearchInput } from "../search-input.js";
import { FEED_ITEMS, type FeedDeps } from "./deps.js";
import type { FeedFormat } from "./feed-file.js";
import type { SearchFeedQuery } from "./schemas.js";
import { sendFeed } from "./send-feed.js";

/** GET /feeds/search.rss|.atom?q= — any search as a feed, newest matches first unless sort says otherwise. */
export function searchFeed(format: FeedFormat, { search, publicUrl }: FeedDeps) {
  return async (request: FastifyRequest<{ Querystring: SearchFeedQuery }>, reply: FastifyReply) => {
    const {
      q = "",
      sort = "date",
      mode = "hybrid",
      category = "",
      author = "",
      from = "",
      to = "",
    } = request.query;
    const form: SearchForm = { q: q.trim(), category, author, from, to, sort, mode };
    const input = readSearchInput(q, form, sort);
    if (input.problems.length > 0) throw new BadRequestError(input.problems.join(" "));
    if (isEmptyQuery(input.query)) {
      throw new BadRequestError(
        exclusionsOnlyNotice(input.query) ?? "A search feed needs words or filters, like ?q=diffusion.",
      );
    }
    const result = await search.search(input.query, { mode, sort: input.sort, limit: FEED_ITEMS, offset: 0 });
    const origin = originOf(request, publicUrl);
    const params = queryString({ ...searchParams(form), sort });
    const feed = presentPaperFeed(
      result.hits.map((hit) => hit.paper),
      {
        title: `PaperPulse · search: ${form.q || params}`,
        description: `Papers matching ${form.q ? `“${form.q}”` : "the search"}, as PaperPulse finds them.`,
        pageUrl: `${origin}/search?${params}`,
        feedUrlBase: `${origin}/feeds/search`,
        query: params,
      },
      origin,
    );
    return sendFeed(request, reply, feed, format);
  };
}
