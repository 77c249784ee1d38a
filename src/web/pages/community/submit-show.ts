import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { CommunityError } from "../../../community/errors.js";
import { describeError } from "../../errors.js";
import { presentSubmissionPreview } from "../../presenters/submission.js";
import { renderSubmitPage, type SubmitPageModel } from "../../views/submit-page.js";
import { sendHtml } from "../send-html.js";
import type { CommunityPageDeps } from "./deps.js";
import type { submitShowSchema } from "./schemas.js";

type Request = FastifyRequest<{ Querystring: Static<typeof submitShowSchema.querystring> }>;

/** GET /submit?paper= — the form, and with a paper the preview and its confirmation button. */
export function submitShow({ submissions, visitors }: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = request.viewer;
    if (!viewer || !visitors) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
    const input = request.query.paper?.trim() ?? "";
    const model: SubmitPageModel = { input, preview: null, problem: null, done: request.query.done ?? null };
    let status = 200;
    if (input !== "") {
      try {
        model.preview = presentSubmissionPreview(await submissions.preview(input));
      } catch (error) {
        if (!(error instanceof CommunityError)) throw error;
        model.problem = error.message;
        status = describeError(error).statusCode;
      }
    }
    const visitor = await visitors.visitorFor(viewer, model.preview ? [model.preview.paperId] : []);
    reply.header("cache-control", "private, no-store");
    return sendHtml(reply, renderSubmitPage(model, visitor), status);
  };
}
