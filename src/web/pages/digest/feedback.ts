import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { presentViewer } from "../../presenters/viewer.js";
import { renderFeedbackAskPage, renderFeedbackPage } from "../../views/digest/digest-pages.js";
import { sendHtml } from "../send-html.js";
import type { DigestPageDeps } from "./deps.js";
import type { feedbackSchema } from "./schemas.js";
import { keepPrivate } from "./signed-link-reply.js";

type Request = FastifyRequest<{ Querystring: Static<typeof feedbackSchema.querystring> }>;

/**
 * GET /digest/feedback — "more / less like this" from a digest. Mail scanners and previews fetch every
 * link of a mail, both of each paper's among them, so this only asks: the page's button posts it.
 */
export function feedbackShow({ subscriptions, papers }: DigestPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const { s, p, a, t } = request.query;
    await subscriptions.checkFeedback(s, p, a, t);
    const paper = await papers.getPaper(p);
    keepPrivate(reply);
    const action = `/digest/feedback?${new URLSearchParams({ s, p, a, t })}`;
    return sendHtml(
      reply,
      renderFeedbackAskPage(a, { id: p, title: paper?.title ?? null }, action, presentViewer(request.viewer)),
    );
  };
}

/** POST /digest/feedback — the page's button records it; recording it again changes nothing. */
export function feedback({ subscriptions }: DigestPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const { s, p, a, t } = request.query;
    await subscriptions.feedback(s, p, a, t);
    keepPrivate(reply);
    return sendHtml(reply, renderFeedbackPage(a, presentViewer(request.viewer)));
  };
}
