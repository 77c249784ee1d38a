import type { FastifyRequest } from "fastify";
import { CsrfError } from "../../auth/auth-plugin.js";
import { originOf } from "../../origin.js";

/**
 * CSRF defence for the subscribe form, which lives on cached pages and so carries no token: browsers
 * send Origin with every cross-site POST, and Sec-Fetch-Site where they know it. A request from
 * another site is refused; one with neither header (a script, an old browser) is not a forgery.
 * Origin "null" comes from sandboxed and data: documents, but also from our own pages that ask for no
 * Referer (the signed-link pages, whose footer and "subscribe again" forms post here): it passes only
 * with the browser's own Sec-Fetch-Site: same-origin, which no page can set.
 */
export function requireSameOrigin(request: FastifyRequest, publicUrl: string | null): void {
  const origin = request.headers.origin;
  const site = request.headers["sec-fetch-site"];
  if (origin === "null") {
    if (site !== "same-origin") throw new CsrfError();
    return;
  }
  if (typeof origin === "string") {
    if (origin !== originOf(request, publicUrl)) throw new CsrfError();
    return;
  }
  if (site === "cross-site" || site === "same-site") throw new CsrfError();
}
