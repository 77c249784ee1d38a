import { type Static, Type } from "@fastify/type-provider-typebox";
import { MAX_WINDOW_DAYS, type WindowRequest, windowRequestProblem } from "../core/ingest-health.js";
import { BadRequestError } from "./errors.js";

/** The health page's window parameters, shared by its HTML page and its JSON. */
export const IngestWindowQuery = Type.Object({
  days: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_WINDOW_DAYS, description: "Window length (default 60)" }),
  ),
  from: Type.Optional(Type.String({ description: "First day, YYYY-MM-DD" })),
  until: Type.Optional(
    Type.String({ description: "Last day, YYYY-MM-DD (default: the latest day with papers)" }),
  ),
});
export type IngestWindowQuery = Static<typeof IngestWindowQuery>;

/** The typed window request, or a 400 that says what is wrong. */
export function parseIngestWindow(query: IngestWindowQuery): WindowRequest {
  const problem = windowRequestProblem(query);
  if (problem) throw new BadRequestError(problem);
  return query;
}
