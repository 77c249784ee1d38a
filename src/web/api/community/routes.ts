import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { sendApiError } from "../error-handler.js";
import type { CommunityApiDeps } from "./deps.js";
import { submissionCreateSchema, voteCreateSchema, voteDeleteSchema } from "./schemas.js";
import { submissionCreate } from "./submission-create.js";
import { voteCreate } from "./vote-create.js";
import { voteDelete } from "./vote-delete.js";

/** The community JSON API's route table (mounted under /api beside the papers API). */
export const communityApiRoutes: FastifyPluginAsyncTypebox<CommunityApiDeps> = async (app, deps) => {
  app.setErrorHandler(sendApiError);

  app.post("/papers/*", { schema: voteCreateSchema }, voteCreate(deps));
  app.delete("/papers/*", { schema: voteDeleteSchema }, voteDelete(deps));
  app.post("/submissions", { schema: submissionCreateSchema }, submissionCreate(deps));
};
