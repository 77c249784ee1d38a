import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import type { CommunityApiDeps } from "./deps.js";
import type { collectionItemsSchema } from "./schemas.js";

type Request = FastifyRequest<{
  Params: Static<typeof collectionItemsSchema.params>;
  Body: Static<typeof collectionItemsSchema.body>;
}>;

/** POST /api/collections/:id/items */
export function collectionItems({ collections }: CommunityApiDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    const { paper, action, note } = request.body;
    await collections.changeItem(viewer.userId, request.params.id, paper, action, note);
    return reply.status(204).send();
  };
}
