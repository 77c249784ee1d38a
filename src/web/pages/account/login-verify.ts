import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { setSessionCookie } from "../../auth/cookies.js";
import { safeNextPath } from "../../auth/next-path.js";
import type { AccountPageDeps } from "./deps.js";
import type { loginVerifySchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof loginVerifySchema.body> }>;

/** POST /login/verify — spends the one-time token and starts a new session (a fresh cookie value). */
export function loginVerify({ accounts, cookies }: AccountPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    if (request.viewer?.sessionToken) await accounts.signOut(request.viewer.sessionToken);
    const session = await accounts.signInWithLink(request.body.token);
    setSessionCookie(reply, cookies, session.token, session.expiresAt);
    return reply.redirect(safeNextPath(request.body.next), 303);
  };
}
