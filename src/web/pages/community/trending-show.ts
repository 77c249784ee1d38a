import type { FastifyReply, FastifyRequest } from "fastify";
import { presentTrendingPage } from "../../presenters/trending-page.js";
import { renderTrendingPage } from "../../views/trending-page.js";
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
      return renderTrendingPage(presentTrendingPage(shown), await visitorFor(shown.map((paper) => paper.id)));
    });
    return sendPage(request, reply, body);
  };
}
