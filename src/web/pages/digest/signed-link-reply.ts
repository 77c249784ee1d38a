import type { FastifyReply } from "fastify";

/** The signed link is the credential and must not leak: no cache, no Referer from the page's links. */
export function keepPrivate(reply: FastifyReply): FastifyReply {
  return reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
}
