import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { dayPeriod, type Period } from "../../core/calendar.js";
import { BadRequestError } from "../errors.js";
import { parsePeriodLabel } from "../input.js";
import { originOf } from "../origin.js";
import { presentHfDailyPaper } from "../presenters/hf-daily-paper.js";
import type { ApiDeps } from "./deps.js";
import type { dailyPapersSchema } from "./schemas.js";

type Query = Static<typeof dailyPapersSchema.querystring>;
type Response = Static<(typeof dailyPapersSchema.response)[200]>;

/** GET /api/daily_papers — Hugging Face's endpoint, so Daily Papers clients can point here. */
export function dailyPapers({ papers, publicUrl }: ApiDeps) {
  return async (request: FastifyRequest<{ Querystring: Query }>): Promise<Response> => {
    const { sort = "trending", p = 0, limit = 50 } = request.query;
    const given = (["date", "week", "month"] as const).filter((key) => request.query[key] !== undefined);
    if (given.length > 1) throw new BadRequestError("Give at most one of date, week or month.");
    let period: Period | null;
    if (given[0] === "date") period = parsePeriodLabel("day", request.query.date ?? "");
    else if (given[0]) period = parsePeriodLabel(given[0], request.query[given[0]] ?? "");
    else {
      const latest = await papers.latestDay();
      period = latest ? dayPeriod(latest) : null;
    }
    if (!period) return [];
    const order = sort === "trending" ? "upvotes" : "date";
    const page = await papers.listPeriod(period, order, { page: p + 1, perPage: limit });
    const origin = originOf(request, publicUrl);
    return page.papers.map((paper) => presentHfDailyPaper(paper, origin));
  };
}
