import type { FastifyReply, FastifyRequest } from "fastify";
import { entityTagOf, ifNoneMatchHas } from "../conditional-get.js";
import type { FeedModel } from "../presenters/paper-feed.js";
import { renderAtom, renderRss } from "../views/feed-xml.js";
import type { FeedFormat } from "./feed-file.js";

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
};

/**
 * Sends a feed with an ETag (hash of the document), answering 304 with no body when the reader's
 * If-None-Match names it: feed readers poll often. No Last-Modified: a feed changes with votes (its
 * order, its items' counts) and with papers dated before its newest one (a collection's additions,
 * late imports), so no date says when it last changed (RFC 9110 §8.8.2.1 asks for one only where it
 * can be determined), and If-Modified-Since answered from the newest paper's date would hide them.
 */
export function sendFeed(request: FastifyRequest, reply: FastifyReply, feed: FeedModel, format: FeedFormat) {
  const body = format === "rss" ? renderRss(feed) : renderAtom(feed);
  const etag = entityTagOf(body);
  reply.headers({ etag, "cache-control": "public, max-age=300", "x-content-type-options": "nosniff" });
  const ifNoneMatch = request.headers["if-none-match"];
  if (ifNoneMatch !== undefined && ifNoneMatchHas(ifNoneMatch, etag)) return reply.status(304).send();
  return reply.status(200).header("content-type", CONTENT_TYPES[format]).send(body);
}
