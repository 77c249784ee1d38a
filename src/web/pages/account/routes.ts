import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { sendPageError } from "../error-handler.js";
import { accountDelete } from "./account-delete.js";
import { accountDeletedShow } from "./account-deleted-show.js";
import { apiTokenCreate } from "./api-token-create.js";
import { apiTokenRevoke } from "./api-token-revoke.js";
import { dataExport } from "./data-export.js";
import type { AccountPageDeps } from "./deps.js";
import { loginRequest } from "./login-request.js";
import { loginShow } from "./login-show.js";
import { loginVerify } from "./login-verify.js";
import { loginVerifyShow } from "./login-verify-show.js";
import { logout } from "./logout.js";
import { logoutShow } from "./logout-show.js";
import { passwordSet } from "./password-set.js";
import { profileShow } from "./profile-show.js";
import { publicNameSet } from "./public-name-set.js";
import {
  accountDeleteSchema,
  apiTokenCreateSchema,
  apiTokenRevokeSchema,
  loginRequestSchema,
  loginShowSchema,
  loginVerifySchema,
  loginVerifyShowSchema,
  logoutSchema,
  passwordSetSchema,
  publicNameSetSchema,
} from "./schemas.js";

/** Sign-in, sign-out and the profile: the account pages' route table. */
export const accountPageRoutes: FastifyPluginAsyncTypebox<AccountPageDeps> = async (app, deps) => {
  app.setErrorHandler(sendPageError);

  app.get("/login", { schema: loginShowSchema }, loginShow(deps));
  app.post("/login", { schema: loginRequestSchema }, loginRequest(deps));
  app.get("/login/verify", { schema: loginVerifyShowSchema }, loginVerifyShow(deps));
  app.post("/login/verify", { schema: loginVerifySchema }, loginVerify(deps));
  app.get("/logout", logoutShow(deps));
  app.post("/logout", { schema: logoutSchema, config: { csrf: "signed-in-only" } }, logout(deps));

  app.get("/me", profileShow(deps));
  app.get("/me/export.json", dataExport(deps));
  app.post("/me/name", { schema: publicNameSetSchema }, publicNameSet(deps));
  app.post("/me/password", { schema: passwordSetSchema }, passwordSet(deps));
  app.post("/me/tokens", { schema: apiTokenCreateSchema }, apiTokenCreate(deps));
  app.post("/me/tokens/:id/revoke", { schema: apiTokenRevokeSchema }, apiTokenRevoke(deps));
  app.post("/me/delete", { schema: accountDeleteSchema }, accountDelete(deps));
  app.get("/account-deleted", accountDeletedShow());
};
