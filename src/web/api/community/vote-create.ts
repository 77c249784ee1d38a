import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import { parseVoteTarget } from "../../vote-target.js";
import type { CommunityApiDeps } from "./deps.js";
import type { VoteJson, voteCreateSchema } from "./schemas.js";

type Request = FastifyRequest<{ Params: Static<typeof voteCreateSchema.params> }>;

/** POST /api/papers/:id/vote */
export function voteCreate({ votes }: CommunityApiDeps) {
  return async (request: Request): Promise<Static<typeof VoteJson>> => {
    const viewer = signedIn(request);
    const paperId = parseVoteTarget(request.params["*"]);
    const result = await votes.vote(viewer.userId, paperId, request.ip);
    return { paperId, voted: true, ...result };
  };
}
