import type { FastifyRequest } from "fastify";
import { CommunityError } from "../../community/errors.js";
import type { Role } from "../../store/accounts-store.js";
import { hasRole, type Viewer } from "./viewer.js";

/** A 401 for want of a sign-in: pages send a visitor who asked for one to the sign-in page instead. */
export class SignInRequiredError extends CommunityError {
  constructor() {
    super("unauthenticated", "Sign in first.");
    this.name = "SignInRequiredError";
  }
}

/** The request's signed-in viewer, or a 401. */
export function signedIn(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new SignInRequiredError();
  return request.viewer;
}

/**
 * The request's viewer signed in through a browser session (ADR 0027): the account's password, its API
 * tokens and its deletion are not a token's to change, so a token that leaks from a script cannot take
 * the account over (set a password, mint more tokens) or destroy it. `action` names what was refused.
 */
export function signedInWithSession(
  request: FastifyRequest,
  action: string,
): Viewer & { sessionToken: string } {
  const viewer = signedIn(request);
  if (viewer.via !== "session" || viewer.sessionToken === null) {
    throw new CommunityError(
      "forbidden",
      `${action} needs a signed-in browser session; an API token cannot do it. Sign in on the site instead.`,
    );
  }
  return { ...viewer, sessionToken: viewer.sessionToken };
}

/** The request's viewer when they hold at least `role`; 401 or 403 otherwise. */
export function withRole(request: FastifyRequest, role: Role): Viewer {
  const viewer = signedIn(request);
  if (!hasRole(viewer, role)) throw new CommunityError("forbidden", `This needs the ${role} role.`);
  return viewer;
}
