import fastifyCookie from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AccountService } from "../../community/accounts.js";
import { deriveSecret, sameSecret } from "../../community/secrets.js";
import { HttpError } from "../errors.js";
import { CSRF_COOKIE, SESSION_COOKIE } from "./cookies.js";
import { viewerOf } from "./viewer.js";

/**
 * Who is asking, and whether a state-changing request really comes from our own pages.
 *
 * CSRF: a synchronizer token derived from the session secret (HMAC(session token, "csrf")) for signed-in
 * visitors, and a double-submit cookie for anonymous forms (sign-in). The session cookie is HttpOnly,
 * so another site can neither read it nor compute the token; no server-wide secret is needed. Requests
 * that authenticate with an API token carry no ambient credential and need no CSRF token.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * A route that needs no CSRF token: "signed-link" acts on an HMAC-signed link (digest mails:
     * the signature is the credential, and another site cannot forge it); "same-origin" checks the
     * Origin header itself (a form on pages shared through the cache, which cannot carry a token);
     * "signed-in-only" needs the token only from a signed-in visitor (signing out a browser that is
     * already signed out, from a stale tab, writes nothing).
     */
    csrf?: "signed-link" | "same-origin" | "signed-in-only";
  }
}
const CSRF_FIELD = "_csrf";
const CSRF_HEADER = "x-csrf-token";

export class CsrfError extends HttpError {
  constructor() {
    super(
      403,
      "csrf_rejected",
      "This form has expired or came from another site. Reload the page and try again.",
    );
  }
}

export class InvalidApiTokenError extends HttpError {
  constructor() {
    super(401, "unauthenticated", "The API token is unknown or revoked.");
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

function sentCsrfToken(request: FastifyRequest): string | null {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === "string") return header;
  const body = request.body;
  if (typeof body === "object" && body !== null && CSRF_FIELD in body) {
    const value = (body as Record<string, unknown>)[CSRF_FIELD];
    if (typeof value === "string") return value;
  }
  return null;
}

export async function installAuth(app: FastifyInstance, accounts: AccountService): Promise<void> {
  await app.register(fastifyCookie);

  app.addHook("onRequest", async (request) => {
    const bearer = bearerToken(request);
    if (bearer !== null) {
      const user = await accounts.apiTokenUser(bearer);
      if (!user) throw new InvalidApiTokenError();
      request.viewer = viewerOf(user, "api-token", null, null);
      return;
    }
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (!sessionToken) return;
    const user = await accounts.sessionUser(sessionToken);
    if (user) request.viewer = viewerOf(user, "session", sessionToken, deriveSecret(sessionToken, "csrf"));
  });

  app.addHook("preHandler", async (request) => {
    if (SAFE_METHODS.has(request.method) || request.viewer?.via === "api-token") return;
    const exemption = request.routeOptions.config.csrf;
    if (exemption === "signed-link" || exemption === "same-origin") return;
    if (exemption === "signed-in-only" && !request.viewer) return;
    // No route: nothing would be written, and "not found" says more than "this form has expired".
    if (request.routeOptions.url === undefined) return;
    const expected = request.viewer?.csrfToken ?? request.cookies[CSRF_COOKIE];
    const sent = sentCsrfToken(request);
    if (!expected || !sent || !sameSecret(sent, expected)) throw new CsrfError();
  });
}
