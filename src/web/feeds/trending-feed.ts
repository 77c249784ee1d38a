import type { FastifyReply, FastifyRequest } from "fastify";
import { TRENDING_HALF_LIFE_HOURS, TRENDING_WINDOW_DAYS } from "../../core/trending.js";
import { originOf } from "../origin.js";
import { presentPaperFeed } from "../presenters/paper-feed.js";
import { FEED_ITEMS, type FeedDeps } from "./deps.js";
import type { FeedFormat } from "./feed-file.js";
import { sendFeed } from "./send-feed.js";

/** GET /feeds/trending.rss|.atom — the trending page as a feed: recent votes with time decay. */
export function trendingFeed(format: FeedFormat, { papers, votes, publicUrl }: FeedDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const ranked = votes ? await votes.trending(FEED_ITEMS) : [];
    // As on the trending page: papers a moderator hid stay out.
    const listed = await papers.listedPapers(ranked.map((entry) => entry.paperId));
    const origin = originOf(request, publicUrl);
    const feed = presentPaperFeed(
      listed,
      {
        title: "PaperPulse · trending",
        description: `Papers by upvotes of the last ${TRENDING_WINDOW_DAYS} days; a vote's weight halves every ${TRENDING_HALF_LIFE_HOURS} hours.`,
        pageUrl: `${origin}/trending`,
        feedUrlBase: `${origin}/feeds/trending`,
      },
      origin,
    );
    return sendFeed(request, reply, feed, format);
  };
}
