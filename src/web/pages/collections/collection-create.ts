import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import type { CollectionPageDeps } from "./deps.js";
import type { collectionCreateSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof collectionCreateSchema.body> }>;

/** POST /collections */
export function collectionCreate({ collections }: CollectionPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    const collection = await collections.create(
      viewer.userId,
      request.body.name,
      request.body.public === "true",
    );
    return reply.redirect(`/collections/${collection.id}`, 303);
  };
}
