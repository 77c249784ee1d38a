import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedInWithSession } from "../../auth/require.js";
import { renderProfilePage } from "../../views/account/profile-page.js";
import { sendHtml } from "../send-html.js";
import type { AccountPageDeps } from "./deps.js";
import { loadProfile } from "./profile-load.js";
import type { apiTokenCreateSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof apiTokenCreateSchema.body> }>;

/** POST /me/tokens — the token is shown in this response only; the store keeps its hash. */
export function apiTokenCreate(deps: AccountPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedInWithSession(request, "Creating an API token");
    const { token } = await deps.accounts.createApiToken(viewer.userId, request.body.name);
    reply.header("cache-control", "no-store");
    return sendHtml(reply, renderProfilePage(await loadProfile(deps, viewer, { newToken: token })));
  };
}
