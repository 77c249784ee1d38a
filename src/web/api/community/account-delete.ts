import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { clearSessionCookie } from "../../auth/cookies.js";
import { signedInWithSession } from "../../auth/require.js";
import type { CommunityApiDeps } from "./deps.js";
import type { accountDeleteSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof accountDeleteSchema.body> }>;

/** DELETE /api/me — the caller's account, once its email is sent to confirm; a browser session only. */
export function accountDelete({ accounts, cookies }: CommunityApiDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedInWithSession(request, "Deleting an account");
    await accounts.deleteAccount(viewer.userId, request.body.confirm, viewer.sessionToken);
    clearSessionCookie(reply, cookies);
    return reply.status(204).send();
  };
}
