import type { FastifyReply, FastifyRequest } from "fastify";
import { csrfTokenFor } from "../../auth/cookies.js";
import { presentViewer } from "../../presenters/viewer.js";
import { renderLogoutPage } from "../../views/account/logout-page.js";
import { sendHtml } from "../send-html.js";
import type { AccountPageDeps } from "./deps.js";

/** GET /logout — a confirmation form: signing out changes state, so it is a POST. */
export function logoutShow({ cookies }: AccountPageDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header("cache-control", "no-store");
    const csrfToken = csrfTokenFor(request, reply, cookies);
    return sendHtml(reply, renderLogoutPage(presentViewer(request.viewer), csrfToken));
  };
}
