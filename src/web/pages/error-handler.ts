import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { SignInRequiredError } from "../auth/require.js";
import { describeError, HttpError } from "../errors.js";
import { methodNotAllowed } from "../method-not-allowed.js";
import { formatCount } from "../presenters/format.js";
import { presentViewer } from "../presenters/viewer.js";
import { type ErrorPageOptions, renderErrorPage } from "../views/error-page.js";
import { sendHtml } from "./send-html.js";

/**
 * The pages' error handler: the status decided in errors.ts, shown as a friendly HTML page. A page
 * that needs a member sends an anonymous visitor to sign in and come back; any other 401 page (a
 * form posted after the session ended, a spent sign-in link) offers the way to sign in. A schema
 * refusal is told in plain words here; the JSON API keeps describeError's field-by-field wording.
 */
export function sendPageError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof SignInRequiredError && request.method === "GET") {
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  }
  const { statusCode, message, retryAfterSeconds } = describeError(error);
  if (statusCode >= 500) request.log.error({ err: error }, "page request failed");
  if (retryAfterSeconds !== undefined) reply.header("retry-after", String(retryAfterSeconds));
  const shown = Array.isArray(error.validation)
    ? plainValidationMessage(error.validation, error.validationContext ?? "", request)
    : message;
  const signIn = statusCode === 401 ? "/login" : undefined;
  const links = error instanceof HttpError ? error.links : [];
  return sendErrorPage(request, reply, statusCode, shown, { signIn, links });
}

/** No route took the request: a 405 where the address exists for other methods, else a 404. */
export function sendPageNotFound(request: FastifyRequest, reply: FastifyReply) {
  const allowed = methodNotAllowed(request);
  if (allowed) {
    reply.header("allow", allowed.join(", "));
    return sendErrorPage(
      request,
      reply,
      405,
      `This address takes ${allowed.join(", ")}, not ${request.method}.`,
    );
  }
  return sendErrorPage(request, reply, 404, "There is no page at this address.");
}

/**
 * The header shows who is signed in, as on every other page. The viewer was looked up before the
 * route ran: when that lookup failed, there is none, and the page still renders, signed out.
 */
function sendErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  statusCode: number,
  message: string,
  options: Omit<ErrorPageOptions, "viewer"> = {},
) {
  const viewer = presentViewer(request.viewer);
  if (viewer) reply.header("cache-control", "private, no-store");
  return sendHtml(reply, renderErrorPage(statusCode, message, { ...options, viewer }), statusCode);
}

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  params?: {
    allowedValue?: unknown;
    allowedValues?: unknown[];
    limit?: unknown;
    type?: unknown;
    format?: unknown;
    missingProperty?: unknown;
  };
}

interface NumberBounds {
  minimum?: number;
  maximum?: number;
}

/** How the sentences name the fields readers meet in links; any other field is named as written. */
const FIELD_LABELS: Record<string, string> = {
  page: "The page number",
  sort: "The sort order",
  mode: "The search mode",
  similar: "The order of similar papers",
  period: "The period",
};

function orList(choices: unknown[]): string {
  const words = choices.map(String);
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words.at(-1)}` : (words[0] ?? "");
}

function wholeNumberSentence(label: string, { minimum, maximum }: NumberBounds): string {
  if (minimum !== undefined && maximum !== undefined)
    return `${label} must be a whole number from ${formatCount(minimum)} to ${formatCount(maximum)}.`;
  if (minimum !== undefined) return `${label} must be a whole number of at least ${formatCount(minimum)}.`;
  if (maximum !== undefined) return `${label} must be a whole number of at most ${formatCount(maximum)}.`;
  return `${label} must be a whole number.`;
}

/** `bounds`: the field's range from the route's schema, which a refusal of "abc" does not carry. */
function fieldSentence(field: string, issues: ValidationIssue[], bounds: NumberBounds): string {
  const label = FIELD_LABELS[field] ?? `“${field}”`;
  const choices = issues.flatMap((issue) =>
    issue.keyword === "const"
      ? [issue.params?.allowedValue]
      : issue.keyword === "enum"
        ? (issue.params?.allowedValues ?? [])
        : [],
  );
  if (choices.length > 0) return `${label} can be ${orList(choices)}.`;
  const issue = issues.find((candidate) => candidate.keyword !== "anyOf") ?? issues[0];
  const limit = Number(issue?.params?.limit);
  switch (issue?.keyword) {
    case "type":
      if (issue.params?.type === "integer" || issue.params?.type === "number")
        return wholeNumberSentence(label, bounds);
      if (issue.params?.type === "string") return `${label} must be given once, as text.`;
      return `${label} is not valid.`;
    case "minimum":
      return wholeNumberSentence(label, { ...bounds, minimum: bounds.minimum ?? limit });
    case "maximum":
      return wholeNumberSentence(label, { ...bounds, maximum: bounds.maximum ?? limit });
    case "maxLength":
      return `${label} is too long: it can have at most ${formatCount(limit)} characters.`;
    case "minLength":
      return `${label} cannot be empty.`;
    case "format":
      return issue.params?.format === "email"
        ? `${label} must be an email address.`
        : `${label} is not in the expected form.`;
    default:
      return `${label} is not valid.`;
  }
}

/**
 * A schema refusal as a reader can act on it: "The page number must be a whole number from 1 to
 * 10,000." where the API says "page must be integer"; a link missing a part says so without naming
 * the part, which means nothing to the reader.
 */
function plainValidationMessage(issues: ValidationIssue[], context: string, request: FastifyRequest): string {
  const missing = issues.find((issue) => issue.keyword === "required");
  if (missing) {
    return context === "body"
      ? `The form was sent without its “${String(missing.params?.missingProperty)}” field: fill it in and send it again.`
      : "This link is incomplete: part of it is missing. If you copied it, from a mail for instance, copy the whole link and try again.";
  }
  const byField = new Map<string, ValidationIssue[]>();
  for (const issue of issues) {
    const field = (issue.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
    byField.set(field, [...(byField.get(field) ?? []), issue]);
  }
  if (byField.has("")) {
    return context === "body"
      ? "The form could not be read: send it again from its page."
      : "This link could not be read: follow it again from the page it came from.";
  }
  const schema = request.routeOptions.schema?.[context as "body" | "querystring" | "params"] as
    | { properties?: Record<string, NumberBounds> }
    | undefined;
  return [...byField]
    .map(([field, fieldIssues]) => {
      const { minimum, maximum } = schema?.properties?.[field] ?? {};
      return fieldSentence(field, fieldIssues, { minimum, maximum });
    })
    .join(" ");
}
