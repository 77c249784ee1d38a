import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { dayPeriod, type Period } from "../../core/calendar.js";
import { BadRequestError } from "../errors.js";
import { parsePeriodLabel } from "../input.js";
import { presentPaperJson } from "../presenters/paper-json.js";
import type { PaperService } from "../services/paper-service.js";
import type { ApiDeps } from "./deps.js";
import type { papersListSchema } from "./schemas.js";

type Query = Static<typeof papersListSchema.querystring>;
type Response = Static<(typeof papersListSchema.response)[200]>;

const PERIOD_KINDS = ["day", "week", "month"] as const;

/** GET /api/papers — one period's papers, paged. */
export function papersList({ papers }: ApiDeps) {
  return async (request: FastifyRequest<{ Querystring: Query }>): Promise<Response> => {
    const { sort = "upvotes", page = 1, limit = 30 } = request.query;
    const period = await requestedPeriod(request.query, papers);
    if (!period) return { period: null, sort, page, limit, total: 0, papers: [] };
    const result = await papers.listPeriod(period, sort, { page, perPage: limit });
    return { period, sort, page, limit, total: result.total, papers: result.papers.map(presentPaperJson) };
  };
}

async function requestedPeriod(query: Query, papers: PaperService): Promise<Period | null> {
  const given = PERIOD_KINDS.filter((kind) => query[kind] !== undefined);
  if (given.length > 1) throw new BadRequestError("Give at most one of day, week or month.");
  const kind = given[0];
  if (kind) return parsePeriodLabel(kind, query[kind] ?? "");
  const latest = await papers.latestDay();
  return latest ? dayPeriod(latest) : null;
}
