/**
 * What the community services refuse, in domain terms; the web layer maps each kind to a status
 * in one place (web/errors.ts).
 */
export type CommunityErrorKind =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  /** A service we depend on (arXiv) did not answer. */
  | "unavailable";

export class CommunityError extends Error {
  constructor(
    readonly kind: CommunityErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "CommunityError";
  }
}

export class RateLimitedError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message);
    this.name = "RateLimitedError";
  }
}
