import type { FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import { presentCollectionJson } from "../../presenters/collection-json.js";
import type { CommunityApiDeps } from "./deps.js";

/** GET /api/collections */
export function collectionList({ collections }: CommunityApiDeps) {
  return async (request: FastifyRequest) => {
    const viewer = signedIn(request);
    return {
      collections: (await collections.mine(viewer.userId)).map((collection) =>
        presentCollectionJson(collection, collection.hiddenPapers),
      ),
    };
  };
}
