import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { SignInRequiredError } from "../auth/require.js";
import { describeError, HttpError } from "../errors.js";
import { renderErrorPage } from "../views/error-page.js";
import { sendHtml } from "./send-html.js";

/**
 * The pages' error handler: the status decided in errors.ts, shown as a friendly HTML page. A page
 * that needs a member sends an anonymous visitor to sign in and come back; any other 401 page (a
 * form posted after the session ended, a spent sign-in link) offers the way to sign in.
 */
export function sendPageError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof SignInRequiredError && request.method === "GET") {
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  }
  const { statusCode, message, retryAfterSeconds } = describeError(error);
  if (statusCode >= 500) request.log.error({ err: error }, "page request failed");
  if (retryAfterSeconds !== undefined) reply.header("retry-after", String(retryAfterSeconds));
  const signIn = statusCode === 401 ? "/login" : undefined;
  const links = error instanceof HttpError ? error.links : [];
  return sendHtml(reply, renderErrorPage(statusCode, message, signIn, links), statusCode);
}

export function sendPageNotFound(_request: FastifyRequest, reply: FastifyReply) {
  return sendHtml(reply, renderErrorPage(404, "There is no page at this address."), 404);
}
