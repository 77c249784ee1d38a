import { CommunityError, type CommunityErrorKind, RateLimitedError } from "../community/errors.js";
import { isVanishedReference } from "../store/vanished-reference.js";

/**
 * Typed HTTP errors and the one function that maps anything thrown to a status, a stable code and a
 * message safe to show. Both surfaces (HTML pages, JSON API) render what describeError returns.
 */
/** A way forward an error page offers beside the way home (the JSON API leaves it out). */
export interface ErrorLink {
  href: string;
  label: string;
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly links: ErrorLink[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string) {
    super(400, "bad_request", message);
  }
}

export class NotFoundError extends HttpError {
  constructor(message: string, links: ErrorLink[] = []) {
    super(404, "not_found", message, links);
  }
}

export interface ErrorDescription {
  statusCode: number;
  code: string;
  message: string;
  /** For 429: seconds until the limit lets the request through (the Retry-After header). */
  retryAfterSeconds?: number;
}

const STATUS_BY_COMMUNITY_KIND: Record<CommunityErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

const CODES_BY_STATUS: Record<number, string> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  406: "not_acceptable",
  413: "payload_too_large",
  414: "uri_too_long",
  409: "conflict",
  415: "unsupported_media_type",
  429: "rate_limited",
  503: "unavailable",
};

interface FastifyLikeError {
  statusCode?: unknown;
  message?: unknown;
  validation?: unknown;
  validationContext?: unknown;
}

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  params?: { allowedValue?: unknown; allowedValues?: unknown[]; limit?: unknown };
  message?: string;
}

/**
 * A schema refusal as a reader can act on it: "sort must be one of: upvotes, date" where Ajv says
 * "querystring/sort must be equal to constant" once per choice, then "must match a schema in anyOf".
 */
function validationMessage(issues: ValidationIssue[], context: string): string {
  const byField = new Map<string, ValidationIssue[]>();
  for (const issue of issues) {
    const field = (issue.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".") || context;
    byField.set(field, [...(byField.get(field) ?? []), issue]);
  }
  const sentences = [...byField].map(([field, fieldIssues]) => {
    const choices = fieldIssues.flatMap((issue) =>
      issue.keyword === "const"
        ? [issue.params?.allowedValue]
        : issue.keyword === "enum"
          ? (issue.params?.allowedValues ?? [])
          : [],
    );
    if (choices.length > 0) return `${field} must be one of: ${choices.map(String).join(", ")}`;
    const first = fieldIssues.find((issue) => issue.keyword !== "anyOf") ?? fieldIssues[0];
    if (first?.keyword === "maxLength")
      return `${field} is too long: it can have at most ${first.params?.limit} characters`;
    return `${field} ${first?.message ?? "is not valid"}`;
  });
  return `${sentences.join("; ")}.`;
}

export function describeError(error: unknown): ErrorDescription {
  if (error instanceof HttpError) {
    return { statusCode: error.statusCode, code: error.code, message: error.message };
  }
  if (error instanceof CommunityError) {
    const statusCode = STATUS_BY_COMMUNITY_KIND[error.kind];
    return { statusCode, code: CODES_BY_STATUS[statusCode] ?? error.kind, message: error.message };
  }
  if (error instanceof RateLimitedError) {
    return {
      statusCode: 429,
      code: "rate_limited",
      message: error.message,
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }
  if (isVanishedReference(error)) {
    return {
      statusCode: 409,
      code: "conflict",
      message: "What this refers to was deleted meanwhile (an account or a paper); nothing was changed.",
    };
  }
  const candidate = (typeof error === "object" && error !== null ? error : {}) as FastifyLikeError;
  const status = typeof candidate.statusCode === "number" ? candidate.statusCode : 500;
  // Fastify's own client errors (validation, bad URL, unsupported media type) carry a 4xx status.
  if (status >= 400 && status < 500) {
    const message = Array.isArray(candidate.validation)
      ? validationMessage(candidate.validation, String(candidate.validationContext ?? "request"))
      : typeof candidate.message === "string"
        ? candidate.message
        : "Bad request.";
    return { statusCode: status, code: CODES_BY_STATUS[status] ?? "bad_request", message };
  }
  return { statusCode: 500, code: "internal_error", message: "Something went wrong on our side." };
}
