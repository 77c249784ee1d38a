import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { describeError } from "../errors.js";
import { methodNotAllowed } from "../method-not-allowed.js";
import type { ErrorJson } from "./schemas.js";

export function errorJson(code: string, message: string): ErrorJson {
  return { error: { code, message } };
}

/** The API surface's error handler: every failure becomes `{ error: { code, message } }`. */
export function sendApiError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { statusCode, code, message, retryAfterSeconds } = describeError(error);
  if (statusCode >= 500) request.log.error({ err: error }, "API request failed");
  if (retryAfterSeconds !== undefined) reply.header("retry-after", String(retryAfterSeconds));
  return reply.status(statusCode).send(errorJson(code, message));
}

/** No route took the request: a 405 naming the methods the address takes, or a 404 where it takes none. */
export function sendApiNotFound(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split("?")[0]?.slice(0, 200);
  const allowed = methodNotAllowed(request);
  if (allowed) {
    return reply
      .status(405)
      .header("allow", allowed.join(", "))
      .send(
        errorJson(
          "method_not_allowed",
          `${path} takes ${allowed.join(", ")}, not ${request.method}: the routes are listed at /docs.`,
        ),
      );
  }
  return reply
    .status(404)
    .send(
      errorJson("not_found", `No API route for ${request.method} ${path}: the routes are listed at /docs.`),
    );
}
