import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import type { CollectionPageDeps } from "./deps.js";
import type { collectionItemsSchema } from "./schemas.js";

type Request = FastifyRequest<{
  Params: Static<typeof collectionItemsSchema.params>;
  Body: Static<typeof collectionItemsSchema.body>;
}>;

/** POST /collections/:id/items — add, remove, mark read or unread, or set the private note of a paper. */
export function collectionItems({ collections }: CollectionPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    const { paper, action, note } = request.body;
    await collections.changeItem(viewer.userId, request.params.id, paper, action, note);
    return reply.redirect(`/collections/${request.params.id}`, 303);
  };
}
