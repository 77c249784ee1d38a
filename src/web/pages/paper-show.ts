import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { arxivAbsUrl } from "../../core/arxiv-id.js";
import { type ErrorLink, NotFoundError } from "../errors.js";
import { parsePaperId } from "../input.js";
import { presentCommentThread } from "../presenters/comment-thread.js";
import { withQuery } from "../presenters/pagination.js";
import { paperPath } from "../presenters/paper-card.js";
import { type PaperStanding, presentPaperDetail } from "../presenters/paper-detail.js";
import { presentSimilarPapers } from "../presenters/similar-papers.js";
import { renderPaperPage } from "../views/paper-page.js";
import { commentCountsOf, withCommentCount } from "./comment-counts.js";
import type { PageDeps } from "./deps.js";
import type { paperPageSchema } from "./schemas.js";
import { sendPage } from "./send-html.js";
import { pageForVisitor } from "./visitor-page.js";

type Request = FastifyRequest<{
  Params: Static<typeof paperPageSchema.params>;
  Querystring: Static<typeof paperPageSchema.querystring>;
}>;

const SIMILAR_PAPERS = 8;

/** Listed, hidden, or merged into a paper that is itself listed (the link leads somewhere readable). */
async function standingOf(deps: PageDeps, paperId: string): Promise<PaperStanding> {
  if ((await deps.papers.listedPapers([paperId])).length > 0) return { listed: true };
  const keptId = (await deps.moderation?.mergedInto(paperId)) ?? null;
  const [kept] = keptId ? await deps.papers.listedPapers([keptId]) : [];
  return { listed: false, mergedInto: kept ?? null };
}

/** A paper not here yet: members may add it (the submit page previews it from arXiv); anyone may read it there. */
function missingPaperLinks(deps: PageDeps, id: string): ErrorLink[] {
  const links: ErrorLink[] = [];
  if (deps.visitors)
    links.push({ href: `/submit?paper=${encodeURIComponent(id)}`, label: "Add it from arXiv" });
  links.push({ href: arxivAbsUrl(id), label: "Read it on arXiv" });
  return links;
}

/** GET /papers/:id — versioned or non-canonical ids (2509.09672v2, arXiv:…, hep-th%2F…) redirect to the canonical page. */
export function paperShow(deps: PageDeps) {
  const { papers, search } = deps;
  return async (request: Request, reply: FastifyReply) => {
    const raw = request.params["*"];
    const { id } = parsePaperId(raw);
    const canonicalPath = paperPath(id);
    const { similar: sort = "relevance" } = request.query;
    // Compared as sent, so an encoded slash (hep-th%2F9901001) also lands on the one canonical address.
    if (request.url.split("?")[0] !== canonicalPath) {
      return reply.redirect(withQuery(canonicalPath, { similar: sort === "relevance" ? null : sort }), 301);
    }
    const cacheKey = `${canonicalPath}?similar=${sort}`;
    const body = await pageForVisitor(request, reply, deps, cacheKey, async (visitorFor) => {
      const paper = await papers.getPaper(id);
      if (!paper)
        throw new NotFoundError(`There is no paper arXiv:${id} here yet.`, missingPaperLinks(deps, id));
      const [visitor, comments, similar, standing] = await Promise.all([
        visitorFor([paper.id]),
        deps.comments?.thread(paper.id),
        search.similarTo(paper, sort, SIMILAR_PAPERS),
        standingOf(deps, paper.id),
      ]);
      const thread = comments ? presentCommentThread(paper.id, comments, visitor) : null;
      const similarPapers = presentSimilarPapers(id, similar, sort);
      const counts = await commentCountsOf(
        deps.comments,
        similar.map(({ paper }) => paper.id),
      );
      const cards = similarPapers.cards.map((card) => withCommentCount(card, counts));
      return renderPaperPage(
        presentPaperDetail(paper, standing),
        { ...similarPapers, cards },
        visitor,
        thread,
      );
    });
    return sendPage(request, reply, body);
  };
}
