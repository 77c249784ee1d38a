import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import { parsePaperId } from "../../input.js";
import { presentCommentJson } from "../../presenters/comment-json.js";
import type { CommunityApiDeps } from "./deps.js";
import type { commentCreateSchema } from "./schemas.js";

type Request = FastifyRequest<{
  Params: Static<typeof commentCreateSchema.params>;
  Body: Static<typeof commentCreateSchema.body>;
}>;

/** POST /api/papers/:id/comments */
export function commentCreate({ comments }: CommunityApiDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    const { id } = parsePaperId(request.params.id);
    const { body, parentId } = request.body;
    const comment = await comments.add(viewer.userId, id, parentId ?? null, body, request.ip);
    return reply.status(201).send(presentCommentJson(comment));
  };
}
