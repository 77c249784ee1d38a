import type { FastifyRequest } from "fastify";
import { CsrfError } from "../../auth/auth-plugin.js";
import { originOf } from "../../origin.js";

/**
 * CSRF defence for the subscribe form, which lives on cached pages and so carries no token: browsers
 * send Origin with every cross-site POST, and Sec-Fetch-Site where they know it. A request from
 * another site is refused; one with neither header (a script, an old browser) is not a forgery.
 */
export function requireSameOrigin(request: FastifyRequest, publicUrl: string | null): void {
  const origin = request.headers.origin;
  if (typeof origin === "string" && origin !== "null") {
    if (origin !== originOf(request, publicUrl)) throw new CsrfError();
    return;
  }
  const site = request.headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site" || origin === "null") throw new CsrfError();
}
