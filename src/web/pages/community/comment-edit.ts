import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import { paperPath } from "../../presenters/paper-card.js";
import type { CommunityPageDeps } from "./deps.js";
import type { commentEditSchema } from "./schemas.js";

type Request = FastifyRequest<{
  Params: Static<typeof commentEditSchema.params>;
  Body: Static<typeof commentEditSchema.body>;
}>;

/** POST /comments/:id/edit — authors only. */
export function commentEdit({ comments }: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    const comment = await comments.edit(viewer.userId, request.params.id, request.body.body);
    return reply.redirect(`${paperPath(comment.paperId)}#comment-${comment.id}`, 303);
  };
}
