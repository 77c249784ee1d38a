import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { renderFeedbackPage } from "../../views/digest/digest-pages.js";
import { sendHtml } from "../send-html.js";
import type { DigestPageDeps } from "./deps.js";
import type { feedbackSchema } from "./schemas.js";

type Request = FastifyRequest<{ Querystring: Static<typeof feedbackSchema.querystring> }>;

/** GET /digest/feedback — "more / less like this" from a digest; recording it again changes nothing. */
export function feedback({ subscriptions }: DigestPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const { s, p, a, t } = request.query;
    await subscriptions.feedback(s, p, a, t);
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    return sendHtml(reply, renderFeedbackPage(a));
  };
}
