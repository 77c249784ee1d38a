import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import type { CollectionPageDeps } from "./deps.js";
import type { collectionDeleteSchema } from "./schemas.js";

type Request = FastifyRequest<{ Params: Static<typeof collectionDeleteSchema.params> }>;

/** POST /collections/:id/delete — then back to the owner's list, where it is gone. */
export function collectionDelete({ collections }: CollectionPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    await collections.delete(viewer.userId, request.params.id);
    return reply.redirect("/collections", 303);
  };
}
