import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyPluginAsync } from "fastify";
import { NotFoundError } from "../../errors.js";
import { sendPageError } from "../error-handler.js";
import { confirm } from "./confirm.js";
import { confirmShow } from "./confirm-show.js";
import type { DigestPageDeps } from "./deps.js";
import { feedback, feedbackShow } from "./feedback.js";
import { runsShow } from "./runs-show.js";
import {
  confirmSchema,
  confirmShowSchema,
  feedbackSchema,
  settingsSaveSchema,
  settingsStopSchema,
  subscribeSchema,
  unsubscribeSchema,
} from "./schemas.js";
import { settingsSave } from "./settings-save.js";
import { settingsShow } from "./settings-show.js";
import { settingsStop } from "./settings-stop.js";
import { subscribe, subscribeShow } from "./subscribe.js";
import { unsubscribe, unsubscribeShow } from "./unsubscribe.js";

/** "List-Unsubscribe=One-Click" with a multipart envelope fits many times over. */
const ONE_CLICK_BODY_LIMIT = 4 * 1024;

/**
 * Email digests: subscribe, confirm, unsubscribe and feedback (signed links, no login), the signed-in
 * person's settings, and the admins' run history. Routes acting on a signed link, or checking Origin,
 * skip the session CSRF token (see auth-plugin and ADR 0009).
 */
export const digestPageRoutes: FastifyPluginAsyncTypebox<DigestPageDeps> = async (app, deps) => {
  app.setErrorHandler(sendPageError);
  const signedLink = { csrf: "signed-link" } as const;

  app.get("/digest/subscribe", subscribeShow());
  app.post(
    "/digest/subscribe",
    { schema: subscribeSchema, config: { csrf: "same-origin" } },
    subscribe(deps),
  );
  app.get("/digest/confirm", { schema: confirmShowSchema }, confirmShow(deps));
  app.post("/digest/confirm", { schema: confirmSchema, config: signedLink }, confirm(deps));
  app.get("/digest/unsubscribe", { schema: unsubscribeSchema }, unsubscribeShow(deps));
  // RFC 8058 lets a mail receiver send the one-click key as multipart/form-data or urlencoded, and some
  // send no body: the signed link is what counts, so the body is read (within a small limit) and ignored.
  await app.register(async (oneClick) => {
    oneClick.addContentTypeParser(
      "multipart/form-data",
      { parseAs: "buffer", bodyLimit: ONE_CLICK_BODY_LIMIT },
      (_request, _body, done) => done(null, {}),
    );
    oneClick.post(
      "/digest/unsubscribe",
      { schema: unsubscribeSchema, config: signedLink },
      unsubscribe(deps),
    );
  });
  app.get("/digest/feedback", { schema: feedbackSchema }, feedbackShow(deps));
  app.post("/digest/feedback", { schema: feedbackSchema, config: signedLink }, feedback(deps));

  app.get("/me/digest", settingsShow(deps));
  app.post("/me/digest", { schema: settingsSaveSchema }, settingsSave(deps));
  app.post("/me/digest/stop", { schema: settingsStopSchema }, settingsStop(deps));
  app.get("/admin/digests", runsShow(deps));
};

const UNAVAILABLE = "Email digests are not available on this instance.";

/** Where the app runs without digests: every digest address says so plainly, as the pages' error pages do. */
export const digestUnavailableRoutes: FastifyPluginAsync = async (app) => {
  app.setErrorHandler(sendPageError);
  const answer = async () => {
    throw new NotFoundError(UNAVAILABLE);
  };
  for (const path of ["/digest/*", "/me/digest", "/me/digest/*", "/admin/digests"]) {
    app.get(path, answer);
    app.post(path, answer);
  }
};
