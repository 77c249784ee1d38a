import { negotiate } from "@fastify/accept-negotiator";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { RenderedPage } from "../page-cache.js";

/** Computed once: every page gets the same type and security headers. */
const HTML_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  // KaTeX positions math with style attributes; scripts stay same-origin only, and no data reaches a style.
  "content-security-policy":
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

/** A cached page's headers, apart from its entity tag; one object each, so a request sets them in one call. */
const PAGE_HEADERS = { ...HTML_HEADERS, vary: "accept-encoding" };
const GZIP_PAGE_HEADERS = { ...PAGE_HEADERS, "content-encoding": "gzip" };

/** Sends a page; a header the handler already set (a stricter Referrer-Policy, say) is kept. */
export function sendHtml(reply: FastifyReply, body: Buffer | string, statusCode = 200) {
  for (const [name, value] of Object.entries(HTML_HEADERS))
    if (!reply.hasHeader(name)) reply.header(name, value);
  return reply.status(statusCode).send(body);
}

const ENCODINGS = ["gzip", "identity"];

/** Most clients send one of a few Accept-Encoding values: each is negotiated once (bounded, it is client input). */
const negotiated = new Map<string, boolean>();
const NEGOTIATED_MAX = 64;

function acceptsGzip(acceptEncoding: string | undefined): boolean {
  if (acceptEncoding === undefined || acceptEncoding === "") return false;
  let gzip = negotiated.get(acceptEncoding);
  if (gzip === undefined) {
    gzip = negotiate(acceptEncoding, ENCODINGS) === "gzip";
    if (negotiated.size < NEGOTIATED_MAX) negotiated.set(acceptEncoding, gzip);
  }
  return gzip;
}

/** True when If-None-Match names this tag (weak comparison, as RFC 9110 asks for GET), or is "*". */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/**
 * Sends a rendered page, gzipped when it has a gzip form and the client accepts one; a client that
 * already holds this form (If-None-Match) gets a 304 without the body.
 */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: RenderedPage) {
  const gzip = page.gzipped !== null && acceptsGzip(request.headers["accept-encoding"]);
  const etag = gzip ? page.gzippedEtag : page.etag;
  if (matches(request.headers["if-none-match"], etag)) {
    return reply.status(304).header("vary", PAGE_HEADERS.vary).header("etag", etag).send();
  }
  return reply
    .status(200)
    .headers(gzip ? GZIP_PAGE_HEADERS : PAGE_HEADERS)
    .header("etag", etag)
    .send(gzip ? page.gzipped : page.body);
}
