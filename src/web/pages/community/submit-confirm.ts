import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import type { CommunityPageDeps } from "./deps.js";
import type { submitConfirmSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof submitConfirmSchema.body> }>;

/** POST /submit — lists the paper (or upvotes it when already listed), then shows the form again with the outcome. */
export function submitConfirm({ submissions }: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    const result = await submissions.submit(viewer.userId, request.body.paper, request.ip);
    const done = new URLSearchParams({ done: result.outcome, id: result.paper.id, day: result.day });
    return reply.redirect(`/submit?${done}`, 303);
  };
}
