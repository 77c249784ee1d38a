import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Paper } from "../../../core/paper.js";
import { type ExportFormat, sendExport } from "../export-format.js";
import type { CollectionPageDeps } from "./deps.js";
import { loadPapers } from "./load-papers.js";
import type { collectionShowSchema } from "./schemas.js";

type Request = FastifyRequest<{ Params: Static<typeof collectionShowSchema.params> }>;

/** GET /collections/:id/citations.bib|.csl.json — a collection's citations, as its page lists them. */
export function collectionExport(format: ExportFormat, { collections, papers }: CollectionPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const view = await collections.view(request.params.id, request.viewer);
    const found = await loadPapers(
      papers,
      view.items.map((item) => item.paperId),
    );
    const listed = view.items
      .map((item) => found.get(item.paperId))
      .filter((paper): paper is Paper => !!paper);
    if (!view.collection.public) reply.header("cache-control", "private, no-store");
    return sendExport(reply, listed, format, view.collection.name);
  };
}
