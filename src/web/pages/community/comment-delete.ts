import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import { paperPath } from "../../presenters/paper-card.js";
import type { CommunityPageDeps } from "./deps.js";
import type { commentDeleteSchema } from "./schemas.js";

type Request = FastifyRequest<{ Params: Static<typeof commentDeleteSchema.params> }>;

/** POST /comments/:id/delete — authors only; answers stay in the thread. */
export function commentDelete({ comments }: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    const comment = await comments.remove(viewer.userId, request.params.id);
    return reply.redirect(`${paperPath(comment.paperId)}#comments`, 303);
  };
}
