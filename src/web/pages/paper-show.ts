import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { arxivAbsUrl } from "../../core/arxiv-id.js";
import { type ErrorLink, NotFoundError } from "../errors.js";
import { parsePaperId } from "../input.js";
import { presentCommentThread } from "../presenters/comment-thread.js";
import { paperPath } from "../presenters/paper-card.js";
import { presentPaperDetail } from "../presenters/paper-detail.js";
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
    // Compared as sent, so an encoded slash (hep-th%2F9901001) also lands on the one canonical address.
    if (request.url.split("?")[0] !== canonicalPath) return reply.redirect(canonicalPath, 301);
    const { similar: sort = "relevance" } = request.query;
    const cacheKey = `${canonicalPath}?similar=${sort}`;
    const body = await pageForVisitor(request, reply, deps, cacheKey, async (visitorFor) => {
      const paper = await papers.getPaper(id);
      if (!paper)
        throw new NotFoundError(`There is no paper arXiv:${id} here yet.`, missingPaperLinks(deps, id));
      const [visitor, comments, similar, listed] = await Promise.all([
        visitorFor([paper.id]),
        deps.comments?.thread(paper.id),
        search.similarTo(paper, sort, SIMILAR_PAPERS),
        papers.listedPapers([paper.id]),
      ]);
      const thread = comments ? presentCommentThread(paper.id, comments, visitor) : null;
      const similarPapers = presentSimilarPapers(id, similar, sort);
      const counts = await commentCountsOf(
        deps.comments,
        similar.map(({ paper }) => paper.id),
      );
      const cards = similarPapers.cards.map((card) => withCommentCount(card, counts));
      return renderPaperPage(
        presentPaperDetail(paper, listed.length > 0),
        { ...similarPapers, cards },
        visitor,
        thread,
      );
    });
    return sendPage(request, reply, body);
  };
}
