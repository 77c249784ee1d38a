import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { presentViewer } from "../../presenters/viewer.js";
import { renderConfirmedPage, renderConfirmPage } from "../../views/digest/digest-pages.js";
import { sendHtml } from "../send-html.js";
import type { DigestPageDeps } from "./deps.js";
import type { confirmShowSchema } from "./schemas.js";

type Request = FastifyRequest<{ Querystring: Static<typeof confirmShowSchema.querystring> }>;

/**
 * GET /digest/confirm — the link from the confirmation mail, checked at once (a broken link says so
 * before anyone clicks); the page's button confirms, as mail scanners fetch every link.
 */
export function confirmShow({ subscriptions }: DigestPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const { s, t } = request.query;
    const subscriber = await subscriptions.confirming(s, t);
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    const viewer = presentViewer(request.viewer);
    if (subscriber.status === "active") return sendHtml(reply, renderConfirmedPage(subscriber.email, viewer));
    return sendHtml(reply, renderConfirmPage(s, t, viewer));
  };
}
