import type { FastifyReply, FastifyRequest } from "fastify";
import { authorNameWords, NO_FILTERS } from "../../core/search-filters.js";
import { parseSearchQuery } from "../../core/search-query.js";
import { BadRequestError } from "../errors.js";
import { originOf } from "../origin.js";
import { presentPaperFeed } from "../presenters/paper-feed.js";
import { FEED_ITEMS, type FeedDeps } from "./deps.js";
import { parseFeedFile } from "./feed-file.js";
import { sendFeed } from "./send-feed.js";

/** GET /feeds/author/:name.rss|.atom — the newest papers of an author (name words, accents ignored). */
export function authorFeed({ search, publicUrl }: FeedDeps) {
  return async (request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => {
    const { name, format } = parseFeedFile(request.params.file);
    const words = authorNameWords(name);
    if (words.length === 0)
      throw new BadRequestError("An author feed needs a name, like /feeds/author/Yann LeCun.rss.");
    const query = { ...parseSearchQuery(""), filters: { ...NO_FILTERS, authors: [words] } };
    const result = await search.search(query, { mode: "hybrid", sort: "date", limit: FEED_ITEMS, offset: 0 });
    const origin = originOf(request, publicUrl);
    const feed = presentPaperFeed(
      result.hits.map((hit) => hit.paper),
      {
        title: `PaperPulse · ${name}`,
        description: `The newest papers by ${name}.`,
        pageUrl: `${origin}/search?${new URLSearchParams({ author: name, sort: "date" })}`,
        feedUrlBase: `${origin}/feeds/author/${encodeURIComponent(name)}`,
      },
      origin,
    );
    return sendFeed(request, reply, feed, format);
  };
}
