import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { describeError } from "../errors.js";
import { renderErrorPage } from "../views/error-page.js";
import { sendHtml } from "./send-html.js";

/** The pages' error handler: the status decided in errors.ts, shown as a friendly HTML page. */
export function sendPageError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { statusCode, message, retryAfterSeconds } = describeError(error);
  if (statusCode >= 500) request.log.error({ err: error }, "page request failed");
  if (retryAfterSeconds !== undefined) reply.header("retry-after", String(retryAfterSeconds));
  return sendHtml(reply, renderErrorPage(statusCode, message), statusCode);
}

export function sendPageNotFound(_request: FastifyRequest, reply: FastifyReply) {
  return sendHtml(reply, renderErrorPage(404, "There is no page at this address."), 404);
}
