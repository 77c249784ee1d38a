import type { FastifyReply, FastifyRequest } from "fastify";
import { newSecret } from "../../community/secrets.js";

export const SESSION_COOKIE = "pp_session";
/** Anonymous visitors' CSRF secret (double-submit: forms echo it back). */
export const CSRF_COOKIE = "pp_csrf";

export interface CookiePolicy {
  /** Set when the instance is served over HTTPS (PAPERPULSE_PUBLIC_URL starts with https://). */
  secure: boolean;
}

function options(policy: CookiePolicy, expires?: Date) {
  return { path: "/", httpOnly: true, sameSite: "lax" as const, secure: policy.secure, expires };
}

export function setSessionCookie(
  reply: FastifyReply,
  policy: CookiePolicy,
  token: string,
  expiresAt: Date,
): void {
  reply.setCookie(SESSION_COOKIE, token, options(policy, expiresAt));
}

export function clearSessionCookie(reply: FastifyReply, policy: CookiePolicy): void {
  reply.clearCookie(SESSION_COOKIE, options(policy));
}

/** The anonymous visitor's CSRF token, set as a cookie on first use. */
export function anonymousCsrfToken(
  request: FastifyRequest,
  reply: FastifyReply,
  policy: CookiePolicy,
): string {
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = newSecret();
  reply.setCookie(CSRF_COOKIE, token, options(policy));
  return token;
}

/** The token a form must carry for this request's visitor, signed in or not. */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply, policy: CookiePolicy): string {
  return request.viewer?.csrfToken ?? anonymousCsrfToken(request, reply, policy);
}
