import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { PeriodKind } from "../../core/calendar.js";
import { parsePeriodLabel } from "../input.js";
import { periodPath } from "../presenters/format.js";
import { renderPeriodPage } from "../views/period-page.js";
import type { PageDeps } from "./deps.js";
import { loadPeriodListing } from "./period-listing.js";
import type { periodSchema } from "./schemas.js";
import { sendPage } from "./send-html.js";
import { pageForVisitor } from "./visitor-page.js";

type Request = FastifyRequest<{
  Params: Static<typeof periodSchema.params>;
  Querystring: Static<typeof periodSchema.querystring>;
}>;

/** GET /days/:label, /weeks/:label, /months/:label — one handler, parameterised by the period kind. */
export function periodShow(kind: PeriodKind, deps: PageDeps) {
  const { papers } = deps;
  return async (request: Request, reply: FastifyReply) => {
    const period = parsePeriodLabel(kind, request.params.label);
    const { sort = "upvotes", page = 1 } = request.query;
    const key = `${periodPath(period)}?sort=${sort}&page=${page}`;
    const body = await pageForVisitor(request, reply, deps, key, async (visitorFor) => {
      const model = await loadPeriodListing(
        papers,
        period,
        { sort, page, path: periodPath(period) },
        deps.comments,
      );
      return renderPeriodPage(model, false, await visitorFor(model.cards.map((card) => card.id)));
    });
    return sendPage(request, reply, body);
  };
}
