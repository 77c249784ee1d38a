import type { FastifyReply } from "fastify";
import type { PeriodKind } from "../../core/calendar.js";
import { periodPath } from "../presenters/format.js";
import { periodOf } from "../services/paper-service.js";
import type { PageDeps } from "./deps.js";

/** GET /days, /weeks, /months — the period holding the latest papers (temporary redirect: it moves). */
export function periodLatest(kind: PeriodKind, { papers }: PageDeps) {
  return async (_request: unknown, reply: FastifyReply) => {
    const latest = await papers.latestDay();
    return reply.redirect(latest ? periodPath(periodOf(kind, latest)) : "/", 302);
  };
}
