import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import { presentPreviewJson, presentSubmissionJson } from "../../presenters/submission.js";
import type { CommunityApiDeps } from "./deps.js";
import type { submissionCreateSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof submissionCreateSchema.body> }>;

/** POST /api/submissions — 200 with a preview, 201 once recorded. */
export function submissionCreate({ submissions }: CommunityApiDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    if (request.body.preview) {
      const requester = { userId: viewer.userId, ip: request.ip };
      return presentPreviewJson(await submissions.preview(request.body.paper, requester));
    }
    const result = await submissions.submit(viewer.userId, request.body.paper, request.ip);
    return reply.status(201).send(presentSubmissionJson(result));
  };
}
