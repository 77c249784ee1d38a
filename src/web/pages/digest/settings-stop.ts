import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import { presentDigestSettings } from "../../presenters/digest-settings.js";
import { renderDigestSettingsPage } from "../../views/digest/digest-settings-page.js";
import { sendHtml } from "../send-html.js";
import type { DigestPageDeps } from "./deps.js";

/** POST /me/digest/stop */
export function settingsStop({ subscriptions, visitors }: DigestPageDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const viewer = signedIn(request);
    await subscriptions.stop(viewer.userId, viewer.email);
    const [subscriber, visitor, likesAnyPaper] = await Promise.all([
      subscriptions.forUser(viewer.userId, viewer.email),
      visitors!.visitorFor(viewer, []),
      visitors!.likesAnyPaper(viewer.userId),
    ]);
    reply.header("cache-control", "private, no-store");
    const model = presentDigestSettings(viewer.email, subscriber, {
      notice: "Your digest is stopped.",
      likedNothingYet: !likesAnyPaper,
    });
    return sendHtml(reply, renderDigestSettingsPage(model, visitor));
  };
}
