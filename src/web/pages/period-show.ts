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

type Request = FastifyRequest<{
  Params: Static<typeof periodSchema.params>;
  Querystring: Static<typeof periodSchema.querystring>;
}>;

/** GET /days/:label, /weeks/:label, /months/:label — one handler, parameterised by the period kind. */
export function periodShow(kind: PeriodKind, { papers, cache }: PageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const period = parsePeriodLabel(kind, request.params.label);
    const { sort = "upvotes", page = 1 } = request.query;
    const body = await cache.getOrRender(`${periodPath(period)}?sort=${sort}&page=${page}`, async () => {
      const model = await loadPeriodListing(papers, period, { sort, page, path: periodPath(period) });
      return renderPeriodPage(model, false);
    });
    return sendPage(request, reply, body);
  };
}
