import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import { presentCollectionJson } from "../../presenters/collection-json.js";
import type { CommunityApiDeps } from "./deps.js";
import type { collectionUpdateSchema } from "./schemas.js";

type Request = FastifyRequest<{
  Params: Static<typeof collectionUpdateSchema.params>;
  Body: Static<typeof collectionUpdateSchema.body>;
}>;

/** PATCH /api/collections/:id — rename, or make public or private. */
export function collectionUpdate({ collections }: CommunityApiDeps) {
  return async (request: Request) => {
    const viewer = signedIn(request);
    const collection = await collections.update(viewer.userId, request.params.id, request.body);
    return presentCollectionJson(collection, collection.hiddenPapers);
  };
}
