import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import { renderProfilePage } from "../../views/account/profile-page.js";
import { sendHtml } from "../send-html.js";
import type { AccountPageDeps } from "./deps.js";
import { loadProfile } from "./profile-load.js";
import type { publicNameSetSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof publicNameSetSchema.body> }>;

/** POST /me/name — the name comments show; empty: the pseudonym again. */
export function publicNameSet(deps: AccountPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    await deps.accounts.setPublicName(viewer.userId, request.body.name);
    reply.header("cache-control", "no-store");
    const model = await loadProfile(deps, viewer, { notice: "Public name saved." });
    return sendHtml(reply, renderProfilePage(model));
  };
}
