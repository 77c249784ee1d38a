import type { FastifyRequest } from "fastify";

/**
 * The instance's address for absolute links (feeds, the Hugging Face-compatible API): the configured
 * PAPERPULSE_PUBLIC_URL behind a proxy, else the request's own scheme and Host.
 */
export function originOf(request: FastifyRequest, publicUrl: string | null): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}
