import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { presentCollectionJson } from "../../presenters/collection-json.js";
import type { CommunityApiDeps } from "./deps.js";
import type { collectionShowSchema } from "./schemas.js";

type Request = FastifyRequest<{ Params: Static<typeof collectionShowSchema.params> }>;

/** GET /api/collections/:id — papers hidden by moderators only for moderators and admins. */
export function collectionShow({ collections }: CommunityApiDeps) {
  return async (request: Request) => {
    const view = await collections.view(request.params.id, request.viewer);
    return { collection: presentCollectionJson(view.collection, view.hiddenByModerators), items: view.items };
  };
}
