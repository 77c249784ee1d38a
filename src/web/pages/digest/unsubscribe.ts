import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { renderUnsubscribedPage } from "../../views/digest/digest-pages.js";
import { sendHtml } from "../send-html.js";
import type { DigestPageDeps } from "./deps.js";
import type { unsubscribeSchema } from "./schemas.js";

type Request = FastifyRequest<{ Querystring: Static<typeof unsubscribeSchema.querystring> }>;

/**
 * GET and POST /digest/unsubscribe — the visible link and the one-click POST of RFC 8058 both take
 * effect at once; the signature in the link is the credential.
 */
export function unsubscribe({ subscriptions }: DigestPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const subscriber = await subscriptions.unsubscribe(request.query.s, request.query.t);
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    return sendHtml(reply, renderUnsubscribedPage(subscriber.email));
  };
}
