import { negotiate } from "@fastify/accept-negotiator";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { RenderedPage } from "../page-cache.js";

/** Computed once: every page gets the same type and security headers. */
const HTML_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

/** Sends a page; a header the handler already set (a stricter Referrer-Policy, say) is kept. */
export function sendHtml(reply: FastifyReply, body: Buffer | string, statusCode = 200) {
  for (const [name, value] of Object.entries(HTML_HEADERS))
    if (!reply.hasHeader(name)) reply.header(name, value);
  return reply.status(statusCode).send(body);
}

const ENCODINGS = ["gzip", "identity"];

/** Sends a rendered page, gzipped when it has a gzip form and the client accepts one. */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: RenderedPage) {
  reply.header("vary", "accept-encoding");
  if (page.gzipped && negotiate(request.headers["accept-encoding"] ?? "", ENCODINGS) === "gzip") {
    return reply.status(200).headers(HTML_HEADERS).header("content-encoding", "gzip").send(page.gzipped);
  }
  return sendHtml(reply, page.body);
}
