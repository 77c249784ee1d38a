import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { withRole } from "../../auth/require.js";
import { plural } from "../../presenters/format.js";
import { moderate } from "./audit-show.js";
import type { CommunityPageDeps } from "./deps.js";
import type { paperMergeSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof paperMergeSchema.body> }>;

/** POST /admin/papers/merge — moderators merge a duplicate submission into the paper kept. */
export function paperMerge(deps: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = withRole(request, "moderator");
    const { duplicate, kept, reason = "" } = request.body;
    return moderate(deps, viewer, reply, async () => {
      const merged = await deps.moderation.mergePapers(viewer.userId, duplicate, kept, reason);
      const moved = [
        plural(merged.votesMoved, "vote"),
        plural(merged.collectionEntriesMoved, "collection entry", "collection entries"),
        plural(merged.commentsMoved, "comment"),
      ].join(", ");
      return `${merged.duplicateId} is merged into ${merged.keptId}: ${moved} moved, ${plural(merged.upvotes, "upvote")} now.`;
    });
  };
}
