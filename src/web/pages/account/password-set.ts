import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedInWithSession } from "../../auth/require.js";
import { renderProfilePage } from "../../views/account/profile-page.js";
import { sendHtml } from "../send-html.js";
import type { AccountPageDeps } from "./deps.js";
import { loadProfile } from "./profile-load.js";
import type { passwordSetSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof passwordSetSchema.body> }>;

/** POST /me/password — the first password, or a new one in place of the current one. */
export function passwordSet(deps: AccountPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedInWithSession(request, "Setting a password");
    await deps.accounts.setPassword({
      userId: viewer.userId,
      current: request.body.current,
      password: request.body.password,
      ip: request.ip,
      keepSession: viewer.sessionToken,
    });
    reply.header("cache-control", "no-store");
    const model = await loadProfile(deps, viewer, {
      notice: "Password set. You can now sign in with it; your other sessions were signed out.",
    });
    return sendHtml(reply, renderProfilePage(model));
  };
}
