import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import { parsePaperId } from "../../input.js";
import { paperPath } from "../../presenters/paper-card.js";
import type { CommunityPageDeps } from "./deps.js";
import type { commentCreateSchema } from "./schemas.js";

type Request = FastifyRequest<{
  Params: Static<typeof commentCreateSchema.params>;
  Body: Static<typeof commentCreateSchema.body>;
}>;

/** POST /papers/:id/comments — a comment or a reply (parent), then back to it on the paper's page. */
export function commentCreate({ comments }: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    const { id } = parsePaperId(request.params.id);
    const { body, parent } = request.body;
    const comment = await comments.add(viewer.userId, id, parent || null, body, request.ip);
    return reply.redirect(`${paperPath(id)}#comment-${comment.id}`, 303);
  };
}
