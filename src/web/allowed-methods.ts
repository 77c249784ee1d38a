import type { FastifyRequest } from "fastify";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * The methods a route answers at this request's path, for a request no route took: where there are
 * some, the address exists and the method is what is wrong (405 with Allow), not the address (404).
 */
export function allowedMethods(request: FastifyRequest): string[] {
  const path = request.url.split("?")[0] ?? "/";
  return METHODS.filter((method) => request.server.findRoute({ method, url: path }) !== null);
}
