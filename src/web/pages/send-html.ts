import type { FastifyReply } from "fastify";

/** Computed once: every page gets the same type and security headers. */
const HTML_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

export function sendHtml(reply: FastifyReply, body: Buffer | string, statusCode = 200) {
  return reply.status(statusCode).headers(HTML_HEADERS).send(body);
}
