import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import { presentDigestSettings } from "../../presenters/digest-settings.js";
import { renderDigestSettingsPage } from "../../views/digest/digest-settings-page.js";
import { sendHtml } from "../send-html.js";
import type { DigestPageDeps } from "./deps.js";

/** GET /me/digest — anonymous visitors sign in first and come back. */
export function settingsShow({ subscriptions, visitors }: DigestPageDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.viewer) return reply.redirect("/login?next=%2Fme%2Fdigest", 303);
    const viewer = signedIn(request);
    const [subscriber, visitor, likesAnyPaper] = await Promise.all([
      subscriptions.forUser(viewer.userId, viewer.email),
      visitors!.visitorFor(viewer, []),
      visitors!.likesAnyPaper(viewer.userId),
    ]);
    reply.header("cache-control", "private, no-store");
    const model = presentDigestSettings(viewer.email, subscriber, { likedNothingYet: !likesAnyPaper });
    return sendHtml(reply, renderDigestSettingsPage(model, visitor));
  };
}
