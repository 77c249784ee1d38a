import type { FastifyRequest } from "fastify";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * For a request no route took: the methods routes answer at its path when its own method is not one of
 * them (a 405 names them in Allow), else undefined (a 404). A route that found nothing to serve (a
 * missing static file) also ends here, under a method its address takes: that is a 404.
 */
export function methodNotAllowed(request: FastifyRequest): string[] | undefined {
  const path = request.url.split("?")[0] ?? "/";
  const allowed = METHODS.filter((method) => request.server.findRoute({ method, url: path }) !== null);
  return allowed.length > 0 && !allowed.some((method) => method === request.method) ? allowed : undefined;
}
