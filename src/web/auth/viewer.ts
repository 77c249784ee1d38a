import type { Role, User } from "../../store/accounts-store.js";

/** Who is making a request, as the web layer needs it; null on a request for an anonymous visitor. */
export interface Viewer {
  userId: string;
  email: string;
  role: Role;
  /** How the request proved it: a browser session (cookie) or an API token (Authorization header). */
  via: "session" | "api-token";
  /** The session's cookie value, for signing out; null for API tokens. */
  sessionToken: string | null;
  /** What forms and scripts must send back on state-changing requests; null for API tokens. */
  csrfToken: string | null;
}

declare module "fastify" {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

const RANK: Record<Role, number> = { user: 0, moderator: 1, admin: 2 };

export function hasRole(viewer: Viewer | null, role: Role): boolean {
  return viewer !== null && RANK[viewer.role] >= RANK[role];
}

export function viewerOf(
  user: User,
  via: Viewer["via"],
  sessionToken: string | null,
  csrfToken: string | null,
): Viewer {
  return { userId: user.id, email: user.email, role: user.role, via, sessionToken, csrfToken };
}
