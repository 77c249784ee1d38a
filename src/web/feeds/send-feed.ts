import type { FastifyReply, FastifyRequest } from "fastify";
import { entityTagOf, ifNoneMatchHas } from "../conditional-get.js";
import type { FeedModel } from "../presenters/paper-feed.js";
import { renderAtom, renderRss } from "../views/feed-xml.js";
import type { FeedFormat } from "./feed-file.js";

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
};

/** Whether the reader's copy is current: If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2). */
function notModified(request: FastifyRequest, etag: string, lastModified: Date): boolean {
  const ifNoneMatch = request.headers["if-none-match"];
  if (ifNoneMatch !== undefined) return ifNoneMatchHas(ifNoneMatch, etag);
  const since = Date.parse(request.headers["if-modified-since"] ?? "");
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

/**
 * Sends a feed with an ETag (hash of the document) and Last-Modified (the newest item), answering
 * 304 with no body when the reader already has it: feed readers poll often.
 */
export function sendFeed(request: FastifyRequest, reply: FastifyReply, feed: FeedModel, format: FeedFormat) {
  const body = format === "rss" ? renderRss(feed) : renderAtom(feed);
  const etag = entityTagOf(body);
  reply.headers({
    etag,
    "last-modified": feed.updated.toUTCString(),
    "cache-control": "public, max-age=300",
    "x-content-type-options": "nosniff",
  });
  if (notModified(request, etag, feed.updated)) return reply.status(304).send();
  return reply.status(200).header("content-type", CONTENT_TYPES[format]).send(body);
}
