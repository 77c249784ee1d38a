import type { FastifyRequest } from "fastify";
import type { PaperService } from "../services/paper-service.js";

export interface FeedDeps {
  papers: PaperService;
  /** The instance's public address (PAPERPULSE_PUBLIC_URL); null: taken from each request's Host. */
  publicUrl: string | null;
}

/** Items per feed: a reader polling daily sees every new paper of a busy category. */
export const FEED_ITEMS = 50;

/** Absolute links are required in feeds; behind a proxy, PAPERPULSE_PUBLIC_URL names the address readers use. */
export function originOf(request: FastifyRequest, publicUrl: string | null): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}
