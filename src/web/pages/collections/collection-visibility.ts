import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import type { CollectionPageDeps } from "./deps.js";
import type { collectionVisibilitySchema } from "./schemas.js";

type Request = FastifyRequest<{
  Params: Static<typeof collectionVisibilitySchema.params>;
  Body: Static<typeof collectionVisibilitySchema.body>;
}>;

/** POST /collections/:id/visibility — public or private. */
export function collectionVisibility({ collections }: CollectionPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    await collections.setPublic(viewer.userId, request.params.id, request.body.public === "true");
    return reply.redirect(`/collections/${request.params.id}`, 303);
  };
}
