import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { CommunityError } from "../../../community/errors.js";
import { PaperTooOldError } from "../../../community/submissions.js";
import { normaliseArxivId } from "../../../core/arxiv-id.js";
import { describeError } from "../../errors.js";
import { paperPath } from "../../presenters/paper-card.js";
import { presentSubmissionPreview } from "../../presenters/submission.js";
import { renderSubmitPage, type SubmitPageModel } from "../../views/submit-page.js";
import { sendHtml } from "../send-html.js";
import type { CommunityPageDeps } from "./deps.js";
import type { submitShowSchema } from "./schemas.js";

type SubmitQuery = Static<typeof submitShowSchema.querystring>;
type Request = FastifyRequest<{ Querystring: SubmitQuery }>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The outcome submit-confirm sent here, put into words; none when the address holds no outcome it sent. */
function outcomeNotice({ done, id, day }: SubmitQuery): string | null {
  if (id === undefined || normaliseArxivId(id) !== id || day === undefined || !DAY.test(day)) return null;
  if (done === "listed") return `Submitted: arXiv:${id} is on the list of ${day}.`;
  if (done === "upvoted")
    return `arXiv:${id} was already listed on ${day}; your submission counts as an upvote.`;
  return null;
}

/** GET /submit?paper= — the form, and with a paper the preview and its confirmation button. */
export function submitShow({ submissions, visitors }: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = request.viewer;
    if (!viewer || !visitors) return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
    const input = request.query.paper?.trim() ?? "";
    const model: SubmitPageModel = {
      input,
      preview: null,
      problem: null,
      problemLink: null,
      done: outcomeNotice(request.query),
    };
    let status = 200;
    if (input !== "") {
      try {
        const requester = { userId: viewer.userId, ip: request.ip };
        model.preview = presentSubmissionPreview(await submissions.preview(input, requester));
      } catch (error) {
        if (!(error instanceof CommunityError)) throw error;
        model.problem = error.message;
        if (error instanceof PaperTooOldError)
          model.problemLink = { href: paperPath(error.paperId), text: `Open arXiv:${error.paperId}` };
        status = describeError(error).statusCode;
      }
    }
    const visitor = await visitors.visitorFor(viewer, model.preview ? [model.preview.paperId] : []);
    reply.header("cache-control", "private, no-store");
    return sendHtml(reply, renderSubmitPage(model, visitor), status);
  };
}
