import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import { presentCollectionJson } from "../../presenters/collection-json.js";
import type { CommunityApiDeps } from "./deps.js";
import type { collectionCreateSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof collectionCreateSchema.body> }>;

/** POST /api/collections */
export function collectionCreate({ collections }: CommunityApiDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    const collection = await collections.create(
      viewer.userId,
      request.body.name,
      request.body.public ?? false,
    );
    return reply.status(201).send(presentCollectionJson(collection, collection.hiddenPapers));
  };
}
