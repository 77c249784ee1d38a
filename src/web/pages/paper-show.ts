import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { NotFoundError } from "../errors.js";
import { parsePaperId } from "../input.js";
import { paperPath } from "../presenters/paper-card.js";
import { presentPaperDetail } from "../presenters/paper-detail.js";
import { presentSimilarPapers } from "../presenters/similar-papers.js";
import { renderPaperPage } from "../views/paper-page.js";
import type { PageDeps } from "./deps.js";
import type { paperPageSchema } from "./schemas.js";
import { sendPage } from "./send-html.js";

type Request = FastifyRequest<{
  Params: Static<typeof paperPageSchema.params>;
  Querystring: Static<typeof paperPageSchema.querystring>;
}>;

const SIMILAR_PAPERS = 8;

/** GET /papers/:id — versioned or non-canonical ids (2509.09672v2, arXiv:…, hep-th%2F…) redirect to the canonical page. */
export function paperShow({ papers, search, cache }: PageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const raw = request.params["*"];
    const { id } = parsePaperId(raw);
    const canonicalPath = paperPath(id);
    // Compared as sent, so an encoded slash (hep-th%2F9901001) also lands on the one canonical address.
    if (request.url.split("?")[0] !== canonicalPath) return reply.redirect(canonicalPath, 301);
    const { similar: sort = "relevance" } = request.query;
    const body = await cache.getOrRender(`${canonicalPath}?similar=${sort}`, async () => {
      const paper = await papers.getPaper(id);
      if (!paper) throw new NotFoundError(`There is no paper arXiv:${id} here yet.`);
      const similar = (await search.similar(id, sort, SIMILAR_PAPERS)) ?? [];
      return renderPaperPage(presentPaperDetail(paper), presentSimilarPapers(id, similar, sort));
    });
    return sendPage(request, reply, body);
  };
}
