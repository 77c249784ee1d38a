import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { clearSessionCookie } from "../../auth/cookies.js";
import type { AccountPageDeps } from "./deps.js";
import type { logoutSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof logoutSchema.body> }>;

/** POST /logout — this session, or every session of the account (scope=everywhere). */
export function logout({ accounts, cookies }: AccountPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = request.viewer;
    if (viewer?.sessionToken) {
      if (request.body.scope === "everywhere") await accounts.signOutEverywhere(viewer.userId);
      else await accounts.signOut(viewer.sessionToken);
    }
    clearSessionCookie(reply, cookies);
    return reply.redirect("/", 303);
  };
}
