import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { presentViewer } from "../../presenters/viewer.js";
import { renderConfirmedPage } from "../../views/digest/digest-pages.js";
import { sendHtml } from "../send-html.js";
import type { DigestPageDeps } from "./deps.js";
import type { confirmSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof confirmSchema.body> }>;

/** POST /digest/confirm — the signed link's token is the credential; no login, no session. */
export function confirm({ subscriptions }: DigestPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const subscriber = await subscriptions.confirm(request.body.s, request.body.t);
    reply.header("cache-control", "no-store");
    return sendHtml(reply, renderConfirmedPage(subscriber.email, presentViewer(request.viewer)));
  };
}
