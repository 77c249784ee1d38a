import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import type { CollectionPageDeps } from "./deps.js";
import type { collectionRenameSchema } from "./schemas.js";

type Request = FastifyRequest<{
  Params: Static<typeof collectionRenameSchema.params>;
  Body: Static<typeof collectionRenameSchema.body>;
}>;

/** POST /collections/:id/rename */
export function collectionRename({ collections }: CollectionPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    await collections.update(viewer.userId, request.params.id, { name: request.body.name });
    return reply.redirect(`/collections/${request.params.id}`, 303);
  };
}
