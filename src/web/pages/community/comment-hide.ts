import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { withRole } from "../../auth/require.js";
import { paperPath } from "../../presenters/paper-card.js";
import type { CommunityPageDeps } from "./deps.js";
import type { commentHideSchema } from "./schemas.js";

type Request = FastifyRequest<{
  Params: Static<typeof commentHideSchema.params>;
  Body: Static<typeof commentHideSchema.body>;
}>;

/** POST /comments/:id/hide — moderators hide a comment or show it again; the audit log records it. */
export function commentHide({ moderation }: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = withRole(request, "moderator");
    const { hidden, reason = "" } = request.body;
    const paperId = await moderation.setCommentHidden(
      viewer.userId,
      request.params.id,
      hidden === "true",
      reason,
    );
    return reply.redirect(`${paperPath(paperId)}#comment-${request.params.id}`, 303);
  };
}
