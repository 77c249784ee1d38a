import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { withRole } from "../../auth/require.js";
import type { CommunityPageDeps } from "./deps.js";
import type { paperHideSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof paperHideSchema.body> }>;

/** POST /admin/papers/hide — moderators take a paper off the lists, search and feeds, or list it again. */
export function paperHide({ moderation }: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = withRole(request, "moderator");
    const { paper, hidden, reason = "" } = request.body;
    const paperId = await moderation.setPaperHidden(viewer.userId, paper, hidden === "true", reason);
    const done = hidden === "true" ? `${paperId} is hidden from the lists.` : `${paperId} is listed again.`;
    return reply.redirect(`/admin/audit?${new URLSearchParams({ done })}`, 303);
  };
}
