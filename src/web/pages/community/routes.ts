import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { COMMENT_MAX_CHARS } from "../../../community/comments.js";
import { sendPageError } from "../error-handler.js";
import { formBodyLimit } from "../form-body-limit.js";
import { auditShow } from "./audit-show.js";
import { commentCreate } from "./comment-create.js";
import { commentDelete } from "./comment-delete.js";
import { commentEdit } from "./comment-edit.js";
import { commentHide } from "./comment-hide.js";
import type { CommunityPageDeps } from "./deps.js";
import { forYouShow } from "./for-you-show.js";
import { paperHide } from "./paper-hide.js";
import { paperMerge } from "./paper-merge.js";
import {
  auditShowSchema,
  commentCreateSchema,
  commentDeleteSchema,
  commentEditSchema,
  commentHideSchema,
  forYouShowSchema,
  paperHideSchema,
  paperMergeSchema,
  submitConfirmSchema,
  submitShowSchema,
  userSuspendSchema,
  voteSubmitSchema,
} from "./schemas.js";
import { submitConfirm } from "./submit-confirm.js";
import { submitShow } from "./submit-show.js";
import { trendingShow } from "./trending-show.js";
import { userSuspend } from "./user-suspend.js";
import { voteSubmit } from "./vote-submit.js";

/** Community pages: trending, a member's recommendations, submission, and the forms behind votes and comments. */
export const communityPageRoutes: FastifyPluginAsyncTypebox<CommunityPageDeps> = async (app, deps) => {
  app.setErrorHandler(sendPageError);

  app.get("/trending", trendingShow(deps));
  app.get("/for-you", { schema: forYouShowSchema }, forYouShow(deps));
  app.get("/submit", { schema: submitShowSchema }, submitShow(deps));
  app.post("/submit", { schema: submitConfirmSchema }, submitConfirm(deps));
  // A wildcard, because old-style ids contain a slash (hep-th/9901001/vote).
  app.post("/papers/*", { schema: voteSubmitSchema }, voteSubmit(deps));
  // Old-style ids travel encoded here (hep-th%2F9901001): the form's address is built with the id as one segment.
  const commentForm = { bodyLimit: formBodyLimit(COMMENT_MAX_CHARS) };
  app.post("/papers/:id/comments", { schema: commentCreateSchema, ...commentForm }, commentCreate(deps));
  app.post("/comments/:id/edit", { schema: commentEditSchema, ...commentForm }, commentEdit(deps));
  app.post("/comments/:id/delete", { schema: commentDeleteSchema }, commentDelete(deps));
  app.post("/comments/:id/hide", { schema: commentHideSchema }, commentHide(deps));

  app.get("/admin/audit", { schema: auditShowSchema }, auditShow(deps));
  app.post("/admin/users/suspend", { schema: userSuspendSchema }, userSuspend(deps));
  app.post("/admin/papers/hide", { schema: paperHideSchema }, paperHide(deps));
  app.post("/admin/papers/merge", { schema: paperMergeSchema }, paperMerge(deps));
};
