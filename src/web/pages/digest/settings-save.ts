import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { CommunityError } from "../../../community/errors.js";
import { signedIn } from "../../auth/require.js";
import { presentDigestSettings, withSubmittedSettings } from "../../presenters/digest-settings.js";
import { renderDigestSettingsPage } from "../../views/digest/digest-settings-page.js";
import { sendHtml } from "../send-html.js";
import type { DigestPageDeps } from "./deps.js";
import type { settingsSaveSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof settingsSaveSchema.body> }>;

/** POST /me/digest — saves and starts the signed-in person's digest (their address is proven). */
export function settingsSave({ subscriptions, visitors }: DigestPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    const [visitor, likesAnyPaper] = await Promise.all([
      visitors!.visitorFor(viewer, []),
      visitors!.likesAnyPaper(viewer.userId),
    ]);
    const likedNothingYet = !likesAnyPaper;
    reply.header("cache-control", "private, no-store");
    try {
      const subscriber = await subscriptions.saveSettings(viewer.userId, viewer.email, request.body);
      const model = presentDigestSettings(viewer.email, subscriber, {
        notice: "Digest settings saved.",
        likedNothingYet,
      });
      return sendHtml(reply, renderDigestSettingsPage(model, visitor));
    } catch (error) {
      if (!(error instanceof CommunityError)) throw error;
      const current = await subscriptions.forUser(viewer.userId, viewer.email);
      const model = withSubmittedSettings(
        presentDigestSettings(viewer.email, current, { error: error.message, likedNothingYet }),
        request.body,
      );
      return sendHtml(reply, renderDigestSettingsPage(model, visitor), 400);
    }
  };
}
