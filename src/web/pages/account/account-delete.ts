import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { clearSessionCookie } from "../../auth/cookies.js";
import { signedInWithSession } from "../../auth/require.js";
import type { AccountPageDeps } from "./deps.js";
import type { accountDeleteSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof accountDeleteSchema.body> }>;

/** POST /me/delete — the account goes once its email is typed to confirm; this browser is signed out. */
export function accountDelete({ accounts, cookies }: AccountPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedInWithSession(request, "Deleting an account");
    await accounts.deleteAccount(viewer.userId, request.body.confirm, viewer.sessionToken);
    clearSessionCookie(reply, cookies);
    return reply.redirect("/account-deleted", 303);
  };
}
