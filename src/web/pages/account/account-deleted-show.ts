import type { FastifyReply, FastifyRequest } from "fastify";
import { presentViewer } from "../../presenters/viewer.js";
import { renderAccountDeletedPage } from "../../views/account/account-deleted-page.js";
import { sendHtml } from "../send-html.js";

/** GET /account-deleted */
export function accountDeletedShow() {
  return async (request: FastifyRequest, reply: FastifyReply) =>
    sendHtml(reply, renderAccountDeletedPage(presentViewer(request.viewer)));
}
