import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { sendPageError } from "../error-handler.js";
import type { CommunityPageDeps } from "./deps.js";
import { submitConfirmSchema, submitShowSchema, voteSubmitSchema } from "./schemas.js";
import { submitConfirm } from "./submit-confirm.js";
import { submitShow } from "./submit-show.js";
import { trendingShow } from "./trending-show.js";
import { voteSubmit } from "./vote-submit.js";

/** Community pages: trending and the forms behind the vote buttons. */
export const communityPageRoutes: FastifyPluginAsyncTypebox<CommunityPageDeps> = async (app, deps) => {
  app.setErrorHandler(sendPageError);

  app.get("/trending", trendingShow(deps));
  app.get("/submit", { schema: submitShowSchema }, submitShow(deps));
  app.post("/submit", { schema: submitConfirmSchema }, submitConfirm(deps));
  // A wildcard, because old-style ids contain a slash (hep-th/9901001/vote).
  app.post("/papers/*", { schema: voteSubmitSchema }, voteSubmit(deps));
};
