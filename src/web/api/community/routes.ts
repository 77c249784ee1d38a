import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { sendApiError } from "../error-handler.js";
import { accountDelete } from "./account-delete.js";
import { collectionCreate } from "./collection-create.js";
import { collectionDelete } from "./collection-delete.js";
import { collectionItems } from "./collection-items.js";
import { collectionList } from "./collection-list.js";
import { collectionShow } from "./collection-show.js";
import { collectionUpdate } from "./collection-update.js";
import { commentCreate } from "./comment-create.js";
import { commentList } from "./comment-list.js";
import type { CommunityApiDeps } from "./deps.js";
import { forYou } from "./for-you.js";
import {
  accountDeleteSchema,
  collectionCreateSchema,
  collectionDeleteSchema,
  collectionItemsSchema,
  collectionListSchema,
  collectionShowSchema,
  collectionUpdateSchema,
  commentCreateSchema,
  commentListSchema,
  forYouSchema,
  submissionCreateSchema,
  voteCreateSchema,
  voteDeleteSchema,
} from "./schemas.js";
import { submissionCreate } from "./submission-create.js";
import { voteCreate } from "./vote-create.js";
import { voteDelete } from "./vote-delete.js";

/** The community JSON API's route table (mounted under /api beside the papers API). */
export const communityApiRoutes: FastifyPluginAsyncTypebox<CommunityApiDeps> = async (app, deps) => {
  app.setErrorHandler(sendApiError);

  // Wildcards, because old-style ids contain a slash: the handlers read "/vote" off the path's end.
  const vote = { openApiSuffix: "/vote" };
  app.post("/papers/*", { schema: voteCreateSchema, config: vote }, voteCreate(deps));
  app.delete("/papers/*", { schema: voteDeleteSchema, config: vote }, voteDelete(deps));
  app.post("/submissions", { schema: submissionCreateSchema }, submissionCreate(deps));
  // More specific than the papers API's /papers/* wildcard; old-style ids are sent encoded (hep-th%2F9901001).
  app.get("/papers/:id/comments", { schema: commentListSchema }, commentList(deps));
  app.post("/papers/:id/comments", { schema: commentCreateSchema }, commentCreate(deps));

  app.get("/collections", { schema: collectionListSchema }, collectionList(deps));
  app.post("/collections", { schema: collectionCreateSchema }, collectionCreate(deps));
  app.get("/collections/:id", { schema: collectionShowSchema }, collectionShow(deps));
  app.patch("/collections/:id", { schema: collectionUpdateSchema }, collectionUpdate(deps));
  app.delete("/collections/:id", { schema: collectionDeleteSchema }, collectionDelete(deps));
  app.post("/collections/:id/items", { schema: collectionItemsSchema }, collectionItems(deps));

  app.delete("/me", { schema: accountDeleteSchema }, accountDelete(deps));
  app.get("/me/for-you", { schema: forYouSchema }, forYou(deps));
};
