import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { presentViewer } from "../../presenters/viewer.js";
import { renderUnsubscribedPage, renderUnsubscribePage } from "../../views/digest/digest-pages.js";
import { sendHtml } from "../send-html.js";
import type { DigestPageDeps } from "./deps.js";
import type { unsubscribeSchema } from "./schemas.js";
import { keepPrivate } from "./signed-link-reply.js";

type Request = FastifyRequest<{ Querystring: Static<typeof unsubscribeSchema.querystring> }>;

/**
 * GET /digest/unsubscribe — the visible link from the mail. Mail scanners and previews fetch every
 * link, so this only asks: the page's button posts the same signed link.
 */
export function unsubscribeShow({ subscriptions }: DigestPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const { s, t } = request.query;
    const subscriber = await subscriptions.unsubscribing(s, t);
    keepPrivate(reply);
    const viewer = presentViewer(request.viewer);
    if (subscriber.status === "unsubscribed")
      return sendHtml(reply, renderUnsubscribedPage(subscriber.email, viewer));
    return sendHtml(reply, renderUnsubscribePage(subscriber.email, s, t, viewer));
  };
}

/** POST /digest/unsubscribe — the page's button and the one-click POST of RFC 8058 act at once. */
export function unsubscribe({ subscriptions }: DigestPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const subscriber = await subscriptions.unsubscribe(request.query.s, request.query.t);
    keepPrivate(reply);
    return sendHtml(reply, renderUnsubscribedPage(subscriber.email, presentViewer(request.viewer)));
  };
}
