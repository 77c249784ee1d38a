import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { dayPeriod } from "../../core/calendar.js";
import { renderPeriodPage } from "../views/period-page.js";
import { renderWelcomePage } from "../views/welcome-page.js";
import type { PageDeps } from "./deps.js";
import { loadPeriodListing } from "./period-listing.js";
import type { listingSchema } from "./schemas.js";
import { sendPage } from "./send-html.js";
import { pageForVisitor } from "./visitor-page.js";

type Query = Static<typeof listingSchema.querystring>;

/** GET / — the most recent day that has papers. */
export function homeShow(deps: PageDeps) {
  const { papers } = deps;
  return async (request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
    const { sort = "upvotes", page = 1 } = request.query;
    const body = await pageForVisitor(
      request,
      reply,
      deps,
      `/?sort=${sort}&page=${page}`,
      async (visitorFor) => {
        const latest = await papers.latestDay();
        if (!latest) return renderWelcomePage(await visitorFor([]));
        const model = await loadPeriodListing(
          papers,
          dayPeriod(latest),
          { sort, page, path: "/" },
          deps.comments,
        );
        return renderPeriodPage(model, true, await visitorFor(model.cards.map((card) => card.id)));
      },
    );
    return sendPage(request, reply, body);
  };
}
