import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { withRole } from "../../auth/require.js";
import { presentAuditRows } from "../../presenters/audit-page.js";
import { renderAuditPage } from "../../views/audit-page.js";
import { sendHtml } from "../send-html.js";
import type { CommunityPageDeps } from "./deps.js";
import type { auditShowSchema } from "./schemas.js";

type Request = FastifyRequest<{ Querystring: Static<typeof auditShowSchema.querystring> }>;

const ENTRIES_SHOWN = 200;

/** GET /admin/audit — moderators only. */
export function auditShow({ moderation, visitors }: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = withRole(request, "moderator");
    const [entries, visitor] = await Promise.all([
      moderation.audit(ENTRIES_SHOWN),
      visitors!.visitorFor(viewer, []),
    ]);
    reply.header("cache-control", "private, no-store");
    return sendHtml(reply, renderAuditPage(presentAuditRows(entries), visitor, request.query.done ?? null));
  };
}
