import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { CommunityError } from "../../../community/errors.js";
import { describeError } from "../../errors.js";
import { presentViewer } from "../../presenters/viewer.js";
import { renderSubscribePage, renderSubscribeSentPage } from "../../views/digest/digest-pages.js";
import { sendHtml } from "../send-html.js";
import type { DigestPageDeps } from "./deps.js";
import { requireSameOrigin } from "./same-origin.js";
import type { subscribeSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof subscribeSchema.body> }>;

/** GET /digest/subscribe — the form alone (the form's own address, so it is not a 404). */
export function subscribeShow() {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const viewer = presentViewer(request.viewer);
    if (viewer) reply.header("cache-control", "private, no-store");
    return sendHtml(reply, renderSubscribePage(viewer));
  };
}

/** POST /digest/subscribe — mails the confirmation link (double opt-in). */
export function subscribe({ subscriptions, publicUrl }: DigestPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    requireSameOrigin(request, publicUrl);
    reply.header("cache-control", "no-store");
    const viewer = presentViewer(request.viewer);
    try {
      await subscriptions.subscribe(request.body.email, request.ip, null);
    } catch (error) {
      if (!(error instanceof CommunityError)) throw error;
      // 400 for what the reader can correct; 503 when mail could not be sent just now.
      const page = renderSubscribePage(viewer, {
        message: error.message,
        email: request.body.email,
      });
      return sendHtml(reply, page, describeError(error).statusCode);
    }
    return sendHtml(
      reply,
      renderSubscribeSentPage(request.body.email.trim(), subscriptions.mailDelivers, viewer),
    );
  };
}
