import type { FastifyReply, FastifyRequest } from "fastify";
import { presentTrendingPage } from "../../presenters/trending-page.js";
import { renderTrendingPage } from "../../views/trending-page.js";
import { commentCountsOf, withCommentCount } from "../comment-counts.js";
import { sendPage } from "../send-html.js";
import { pageForVisitor } from "../visitor-page.js";
import type { CommunityPageDeps } from "./deps.js";

const TRENDING_SHOWN = 30;

/** GET /trending — recent votes with time decay (core/trending). */
export function trendingShow(deps: CommunityPageDeps) {
  const { votes, papers } = deps;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const body = await pageForVisitor(request, reply, deps, "/trending", async (visitorFor) => {
      const ranked = await votes.trending(TRENDING_SHOWN);
      const shown = await papers.listedPapers(ranked.map((entry) => entry.paperId));
      const paperIds = shown.map((paper) => paper.id);
      const model = presentTrendingPage(shown);
      const counts = await commentCountsOf(deps.comments, paperIds);
      const cards = model.cards.map((card) => withCommentCount(card, counts));
      return renderTrendingPage({ ...model, cards }, await visitorFor(paperIds));
    });
    return sendPage(request, reply, body);
  };
}
