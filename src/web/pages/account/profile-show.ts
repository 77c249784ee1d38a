import type { FastifyReply, FastifyRequest } from "fastify";
import { renderProfilePage } from "../../views/account/profile-page.js";
import { sendHtml } from "../send-html.js";
import type { AccountPageDeps } from "./deps.js";
import { loadProfile } from "./profile-load.js";

/** GET /me — anonymous visitors are sent to sign in first and brought back. */
export function profileShow(deps: AccountPageDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.viewer) return reply.redirect("/login?next=%2Fme", 303);
    reply.header("cache-control", "no-store");
    return sendHtml(reply, renderProfilePage(await loadProfile(deps, request.viewer)));
  };
}
