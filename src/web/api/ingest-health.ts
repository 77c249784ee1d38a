import { type Static, Type } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { IngestWindowQuery, parseIngestWindow } from "../ingest-health-query.js";
import { presentIngestHealthJson } from "../presenters/ingest-health-json.js";
import type { ApiDeps } from "./deps.js";
import { ErrorJson } from "./schemas.js";

const Day = Type.String({ description: "YYYY-MM-DD (America/New_York)" });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const RunStatus = Type.Union([
  Type.Literal("running"),
  Type.Literal("succeeded"),
  Type.Literal("failed"),
  Type.Literal("interrupted"),
]);

export const ingestHealthSchema = {
  summary: "Ingestion health: recent runs, papers per day and per category, weekdays without papers",
  querystring: IngestWindowQuery,
  response: {
    200: Type.Object({
      window: Type.Object({ from: Day, until: Day }),
      latestDay: Type.Union([Day, Type.Null()]),
      papers: Type.Integer({ description: "Papers in the window" }),
      gaps: Type.Array(Day, { description: "Weekdays without papers (holidays included)" }),
      days: Type.Array(Type.Object({ day: Day, papers: Type.Integer() })),
      categories: Type.Array(Type.Object({ day: Day, category: Type.String(), papers: Type.Integer() })),
      runs: Type.Array(
        Type.Object({
          id: Type.String(),
          source: Type.String(),
          startedAt: Type.String(),
          finishedAt: NullableString,
          durationMs: Type.Union([Type.Integer(), Type.Null()]),
          status: RunStatus,
          counts: Type.Record(Type.String(), Type.Number(), { description: "The summary's numbers" }),
          summary: Type.Record(Type.String(), Type.Unknown(), { description: "As the source reported it" }),
          error: NullableString,
        }),
      ),
    }),
    400: ErrorJson,
    // Where accounts exist, operational data is for moderators.
    401: ErrorJson,
    403: ErrorJson,
  },
};

type Response = Static<(typeof ingestHealthSchema.response)[200]>;

/** GET /api/admin/ingest — the health page's data; not cached, it is read while things go wrong. */
export function ingestHealth({ ingestHealth, guardAdmin }: ApiDeps) {
  return async (
    request: FastifyRequest<{ Querystring: IngestWindowQuery }>,
    reply: FastifyReply,
  ): Promise<Response> => {
    guardAdmin?.(request);
    const report = await ingestHealth.report(parseIngestWindow(request.query));
    reply.header("cache-control", "no-store");
    return presentIngestHealthJson(report);
  };
}
