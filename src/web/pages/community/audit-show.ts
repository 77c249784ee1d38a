import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { CommunityError, type CommunityErrorKind } from "../../../community/errors.js";
import { normaliseArxivId } from "../../../core/arxiv-id.js";
import { withRole } from "../../auth/require.js";
import type { Viewer } from "../../auth/viewer.js";
import { describeError } from "../../errors.js";
import { presentAuditRows } from "../../presenters/audit-page.js";
import { plural } from "../../presenters/format.js";
import { renderAuditPage } from "../../views/audit-page.js";
import { sendHtml } from "../send-html.js";
import type { CommunityPageDeps } from "./deps.js";
import type { auditShowSchema } from "./schemas.js";

type AuditQuery = Static<typeof auditShowSchema.querystring>;
type Request = FastifyRequest<{ Querystring: AuditQuery }>;

const ENTRIES_SHOWN = 200;

/** What a moderator's action did: the moderation page's address carries it, the page words it. */
export type ModerationResult =
  | { done: "suspended" | "unsuspended"; email: string }
  | { done: "hidden" | "listed"; paper: string }
  | {
      done: "merged";
      paper: string;
      kept: string;
      votes: number;
      entries: number;
      comments: number;
      upvotes: number;
    };

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** A count as the page wrote it in the address; null for anything else. */
function countIn(text: string | undefined): number | null {
  return text !== undefined && /^\d{1,12}$/.test(text) ? Number(text) : null;
}

function isPaperId(text: string | undefined): text is string {
  return text !== undefined && normaliseArxivId(text) === text;
}

/** The notice for the result in the address; none when the address holds no result this page wrote. */
function resultNotice(query: AuditQuery): string | null {
  const { done, email, paper, kept, votes, entries, comments, upvotes } = query;
  switch (done) {
    case "suspended":
    case "unsuspended":
      if (email === undefined || !EMAIL.test(email)) return null;
      return done === "suspended" ? `${email} is suspended.` : `${email} may sign in again.`;
    case "hidden":
    case "listed":
      if (!isPaperId(paper)) return null;
      return done === "hidden" ? `${paper} is hidden from the lists.` : `${paper} is listed again.`;
    case "merged": {
      const counts = [votes, entries, comments, upvotes].map(countIn);
      const [votesMoved, entriesMoved, commentsMoved, upvotesNow] = counts;
      if (!isPaperId(paper) || !isPaperId(kept) || counts.some((count) => count === null)) return null;
      const moved = [
        plural(votesMoved!, "vote"),
        plural(entriesMoved!, "collection entry", "collection entries"),
        plural(commentsMoved!, "comment"),
      ].join(", ");
      return `${paper} is merged into ${kept}: ${moved} moved, ${plural(upvotesNow!, "upvote")} now.`;
    }
    default:
      return null;
  }
}

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
    return sendHtml(reply, await auditPage(deps, viewer, { notice: resultNotice(request.query) }));
  };
}

/**
 * Runs a moderator's form action: back to the moderation page saying what was done, or, when the
 * input is refused (not a paper, no such account, an admin to suspend), that page with the reason and
 * the forms at hand.
 */
export async function moderate(
  deps: CommunityPageDeps,
  viewer: Viewer,
  reply: FastifyReply,
  act: () => Promise<ModerationResult>,
) {
  let result: ModerationResult;
  try {
    result = await act();
  } catch (error) {
    if (!(error instanceof CommunityError) || !REFUSED_INPUT.has(error.kind)) throw error;
    reply.header("cache-control", "private, no-store");
    const page = await auditPage(deps, viewer, { notice: null, problem: error.message });
    return sendHtml(reply, page, describeError(error).statusCode);
  }
  const query = Object.entries(result).map(([name, value]) => [name, String(value)]);
  return reply.redirect(`/admin/audit?${new URLSearchParams(query)}`, 303);
}

const REFUSED_INPUT = new Set<CommunityErrorKind>(["invalid", "not_found", "conflict", "forbidden"]);
