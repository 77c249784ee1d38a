import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { CommunityError, type CommunityErrorKind } from "../../../community/errors.js";
import { withRole } from "../../auth/require.js";
import type { Viewer } from "../../auth/viewer.js";
import { describeError } from "../../errors.js";
import { presentAuditRows } from "../../presenters/audit-page.js";
import { renderAuditPage } from "../../views/audit-page.js";
import { sendHtml } from "../send-html.js";
import type { CommunityPageDeps } from "./deps.js";
import type { auditShowSchema } from "./schemas.js";

type Request = FastifyRequest<{ Querystring: Static<typeof auditShowSchema.querystring> }>;

const ENTRIES_SHOWN = 200;

/** The moderation page for this moderator, with what the last action did or why it was refused. */
async function auditPage(
  { moderation, visitors }: CommunityPageDeps,
  viewer: Viewer,
  message: { notice: string | null; problem?: string },
): Promise<string> {
  const [entries, visitor] = await Promise.all([
    moderation.audit(ENTRIES_SHOWN),
    visitors!.visitorFor(viewer, []),
  ]);
  return renderAuditPage(presentAuditRows(entries), visitor, message.notice, message.problem ?? null);
}

/** GET /admin/audit — moderators only. */
export function auditShow(deps: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = withRole(request, "moderator");
    reply.header("cache-control", "private, no-store");
    return sendHtml(reply, await auditPage(deps, viewer, { notice: request.query.done ?? null }));
  };
}

/**
 * Runs a moderator's form action: back to the moderation page saying what was done, or, when the
 * input is refused (not a paper, no such account), that page with the reason and the forms at hand.
 */
export async function moderate(
  deps: CommunityPageDeps,
  viewer: Viewer,
  reply: FastifyReply,
  act: () => Promise<string>,
) {
  let done: string;
  try {
    done = await act();
  } catch (error) {
    if (!(error instanceof CommunityError) || !REFUSED_INPUT.has(error.kind)) throw error;
    reply.header("cache-control", "private, no-store");
    const page = await auditPage(deps, viewer, { notice: null, problem: error.message });
    return sendHtml(reply, page, describeError(error).statusCode);
  }
  return reply.redirect(`/admin/audit?${new URLSearchParams({ done })}`, 303);
}

const REFUSED_INPUT = new Set<CommunityErrorKind>(["invalid", "not_found", "conflict"]);
