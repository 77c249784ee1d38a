import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { safeNextPath } from "../../auth/next-path.js";
import { signedIn } from "../../auth/require.js";
import { paperPath } from "../../presenters/paper-card.js";
import { parseVoteTarget } from "../../vote-target.js";
import type { CommunityPageDeps } from "./deps.js";
import type { voteSubmitSchema } from "./schemas.js";

type Request = FastifyRequest<{
  Params: Static<typeof voteSubmitSchema.params>;
  Body: Static<typeof voteSubmitSchema.body>;
}>;

/** The page the form was on, when it is one of ours; else the paper's page. */
function backTo(request: FastifyRequest, paperId: string): string {
  const referer = request.headers.referer;
  if (referer) {
    try {
      const url = new URL(referer);
      // Both sides normalised by URL, so "host:80" and "host" compare equal.
      if (url.host === new URL(`${url.protocol}//${request.host}`).host) {
        return safeNextPath(`${url.pathname}${url.search}`);
      }
    } catch {
      // A malformed Referer is ignored like a missing one.
    }
  }
  return paperPath(paperId);
}

/** POST /papers/:id/vote — the vote button without JavaScript; back to the page it was pressed on. */
export function voteSubmit({ votes }: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    const paperId = parseVoteTarget(request.params["*"]);
    if (request.body.action === "add") await votes.vote(viewer.userId, paperId, request.ip);
    else await votes.unvote(viewer.userId, paperId, request.ip);
    return reply.redirect(backTo(request, paperId), 303);
  };
}
