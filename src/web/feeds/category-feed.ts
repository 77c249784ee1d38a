import type { FastifyReply, FastifyRequest } from "fastify";
import { canonicalCategory } from "../../core/arxiv-categories.js";
import { NO_FILTERS } from "../../core/search-filters.js";
import { parseSearchQuery } from "../../core/search-query.js";
import { NotFoundError } from "../errors.js";
import { originOf } from "../origin.js";
import { presentPaperFeed } from "../presenters/paper-feed.js";
import { FEED_ITEMS, type FeedDeps } from "./deps.js";
import { parseFeedFile } from "./feed-file.js";
import { sendFeed } from "./send-feed.js";

/** GET /feeds/category/:code.rss|.atom — the newest papers of an arXiv category or archive. */
export function categoryFeed({ search, publicUrl }: FeedDeps) {
  return async (request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => {
    const { name, format } = parseFeedFile(request.params.file);
    const category = canonicalCategory(name);
    if (!category)
      throw new NotFoundError(`arXiv has no category “${name.slice(0, 80)}”: try cs.LG or math.`);
    const query = { ...parseSearchQuery(""), filters: { ...NO_FILTERS, categories: [category] } };
    const result = await search.search(query, { mode: "hybrid", sort: "date", limit: FEED_ITEMS, offset: 0 });
    const origin = originOf(request, publicUrl);
    const feed = presentPaperFeed(
      result.hits.map((hit) => hit.paper),
      {
        title: `PaperPulse · ${category}`,
        description: `The newest papers in ${category}.`,
        pageUrl: `${origin}/search?${new URLSearchParams({ category, sort: "date" })}`,
        feedUrlBase: `${origin}/feeds/category/${category}`,
      },
      origin,
    );
    return sendFeed(request, reply, feed, format);
  };
}
