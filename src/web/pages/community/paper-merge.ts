import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { withRole } from "../../auth/require.js";
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
      return {
        done: "merged",
        paper: merged.duplicateId,
        kept: merged.keptId,
        votes: merged.votesMoved,
        entries: merged.collectionEntriesMoved,
        comments: merged.commentsMoved,
        upvotes: merged.upvotes,
      };
    });
  };
}
