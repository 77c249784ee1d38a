import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { withRole } from "../../auth/require.js";
import { moderate } from "./audit-show.js";
import type { CommunityPageDeps } from "./deps.js";
import type { paperHideSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof paperHideSchema.body> }>;

/** POST /admin/papers/hide — moderators take a paper off the lists, search and feeds, or list it again. */
export function paperHide(deps: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = withRole(request, "moderator");
    const { paper, hidden, reason = "" } = request.body;
    return moderate(deps, viewer, reply, async () => {
      const paperId = await deps.moderation.setPaperHidden(viewer.userId, paper, hidden === "true", reason);
      return { done: hidden === "true" ? "hidden" : "listed", paper: paperId };
    });
  };
}
