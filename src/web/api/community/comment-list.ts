import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { NotFoundError } from "../../errors.js";
import { parsePaperId } from "../../input.js";
import { presentCommentJson } from "../../presenters/comment-json.js";
import type { CommunityApiDeps } from "./deps.js";
import type { commentListSchema } from "./schemas.js";

type Request = FastifyRequest<{ Params: Static<typeof commentListSchema.params> }>;

/** GET /api/papers/:id/comments */
export function commentList({ comments, papers }: CommunityApiDeps) {
  return async (request: Request) => {
    const { id } = parsePaperId(request.params.id);
    if (!(await papers.getPaper(id))) throw new NotFoundError(`No paper with id ${id}.`);
    return { paperId: id, comments: (await comments.thread(id)).map(presentCommentJson) };
  };
}
