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

/** The request's viewer when they hold at least `role`; 401 or 403 otherwise. */
export function withRole(request: FastifyRequest, role: Role): Viewer {
  const viewer = signedIn(request);
  if (!hasRole(viewer, role)) throw new CommunityError("forbidden", `This needs the ${role} role.`);
  return viewer;
}
