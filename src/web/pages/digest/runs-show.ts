import type { FastifyReply, FastifyRequest } from "fastify";
import { withRole } from "../../auth/require.js";
import { presentDigestRuns } from "../../presenters/digest-runs.js";
import { renderDigestRunsPage } from "../../views/digest/digest-runs-page.js";
import { sendHtml } from "../send-html.js";
import type { DigestPageDeps } from "./deps.js";

const RUNS_SHOWN = 50;

/** GET /admin/digests — admins only. */
export function runsShow({ recentRuns, visitors }: DigestPageDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const viewer = withRole(request, "admin");
    const [runs, visitor] = await Promise.all([recentRuns(RUNS_SHOWN), visitors!.visitorFor(viewer, [])]);
    reply.header("cache-control", "private, no-store");
    return sendHtml(reply, renderDigestRunsPage(presentDigestRuns(runs), visitor));
  };
}
