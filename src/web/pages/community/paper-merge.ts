import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { withRole } from "../../auth/require.js";
import { plural } from "../../presenters/format.js";
import type { CommunityPageDeps } from "./deps.js";
import type { paperMergeSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof paperMergeSchema.body> }>;

/** POST /admin/papers/merge — moderators merge a duplicate submission into the paper kept. */
export function paperMerge({ moderation }: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = withRole(request, "moderator");
    const { duplicate, kept, reason = "" } = request.body;
    const merged = await moderation.mergePapers(viewer.userId, duplicate, kept, reason);
    const moved = [
      plural(merged.votesMoved, "vote"),
      plural(merged.collectionEntriesMoved, "collection entry", "collection entries"),
      plural(merged.commentsMoved, "comment"),
    ].join(", ");
    const done = `${merged.duplicateId} is merged into ${merged.keptId}: ${moved} moved, ${merged.upvotes} upvotes now.`;
    return reply.redirect(`/admin/audit?${new URLSearchParams({ done })}`, 303);
  };
}
