import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import type { CommunityApiDeps } from "./deps.js";
import type { collectionDeleteSchema } from "./schemas.js";

type Request = FastifyRequest<{ Params: Static<typeof collectionDeleteSchema.params> }>;

/** DELETE /api/collections/:id */
export function collectionDelete({ collections }: CommunityApiDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    await collections.delete(viewer.userId, request.params.id);
    return reply.status(204).send();
  };
}
