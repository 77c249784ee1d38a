import type { FastifyReply, FastifyRequest } from "fastify";
import { dayPeriod } from "../../core/calendar.js";
import { originOf } from "../origin.js";
import { formatPeriod } from "../presenters/format.js";
import { presentPaperFeed } from "../presenters/paper-feed.js";
import type { FeedDeps } from "./deps.js";
import type { FeedFormat } from "./feed-file.js";
import { sendFeed } from "./send-feed.js";

/**
 * Every paper of a day fits one feed: the busiest arXiv days list over 700 papers across the computer
 * science categories, and an instance following more categories lists more.
 */
const DAILY_ITEMS = 5_000;

/** GET /feeds/daily.rss|.atom — the latest listed day, most upvoted first, like the home page. */
export function dailyFeed(format: FeedFormat, { papers, publicUrl }: FeedDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = originOf(request, publicUrl);
    const latest = await papers.latestDay();
    const listed = latest
      ? (await papers.listPeriod(dayPeriod(latest), "upvotes", { page: 1, perPage: DAILY_ITEMS })).papers
      : [];
    const feed = presentPaperFeed(
      listed,
      {
        title: "PaperPulse · daily papers",
        description: latest
          ? `Papers of ${formatPeriod(dayPeriod(latest))}, most upvoted first.`
          : "The papers of the latest announcement day, most upvoted first.",
        pageUrl: `${origin}/`,
        feedUrlBase: `${origin}/feeds/daily`,
      },
      origin,
    );
    return sendFeed(request, reply, feed, format);
  };
}
