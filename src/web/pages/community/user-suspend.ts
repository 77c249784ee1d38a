import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { withRole } from "../../auth/require.js";
import { moderate } from "./audit-show.js";
import type { CommunityPageDeps } from "./deps.js";
import type { userSuspendSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof userSuspendSchema.body> }>;

/** POST /admin/users/suspend — suspends (ending every session at once) or lifts a suspension. */
export function userSuspend(deps: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = withRole(request, "moderator");
    const { email, suspended, reason = "" } = request.body;
    return moderate(deps, viewer, reply, async () => {
      await deps.moderation.setUserSuspended(viewer.userId, email, suspended === "true", reason);
      return { done: suspended === "true" ? "suspended" : "unsuspended", email: email.trim() };
    });
  };
}
