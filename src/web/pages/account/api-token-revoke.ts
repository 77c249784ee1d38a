import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedInWithSession } from "../../auth/require.js";
import type { AccountPageDeps } from "./deps.js";
import type { apiTokenRevokeSchema } from "./schemas.js";

type Request = FastifyRequest<{ Params: Static<typeof apiTokenRevokeSchema.params> }>;

/** POST /me/tokens/:id/revoke — the token stops working at once. */
export function apiTokenRevoke({ accounts }: AccountPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedInWithSession(request, "Revoking an API token");
    await accounts.revokeApiToken(viewer.userId, request.params.id);
    return reply.redirect("/me", 303);
  };
}
