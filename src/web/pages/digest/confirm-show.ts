import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { renderConfirmPage } from "../../views/digest/digest-pages.js";
import { sendHtml } from "../send-html.js";
import type { confirmShowSchema } from "./schemas.js";

type Request = FastifyRequest<{ Querystring: Static<typeof confirmShowSchema.querystring> }>;

/** GET /digest/confirm — the link from the confirmation mail; the page's button confirms. */
export function confirmShow() {
  return async (request: Request, reply: FastifyReply) => {
    reply.header("cache-control", "no-store").header("referrer-policy", "no-referrer");
    return sendHtml(reply, renderConfirmPage(request.query.s, request.query.t));
  };
}
