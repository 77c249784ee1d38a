import type { FastifyReply, FastifyRequest } from "fastify";
import { IngestWindowQuery, parseIngestWindow } from "../ingest-health-query.js";
import { presentIngestHealthPage } from "../presenters/ingest-health-page.js";
import { presentViewer } from "../presenters/viewer.js";
import { renderIngestHealthPage } from "../views/ingest-health-page.js";
import type { PageDeps } from "./deps.js";
import { sendHtml } from "./send-html.js";

export const ingestHealthPageSchema = { querystring: IngestWindowQuery };

/** GET /admin/ingest — operational, so never served from the page cache nor stored by browsers. */
export function ingestHealthShow({ ingestHealth, guardAdmin }: PageDeps) {
  return async (request: FastifyRequest<{ Querystring: IngestWindowQuery }>, reply: FastifyReply) => {
    guardAdmin?.(request);
    const window = parseIngestWindow(request.query);
    const report = await ingestHealth.report(window);
    reply.header("cache-control", "no-store");
    return sendHtml(
      reply,
      renderIngestHealthPage(presentIngestHealthPage(report), presentViewer(request.viewer)),
    );
  };
}
