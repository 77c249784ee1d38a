import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { presentCollectionSummary } from "../../presenters/collections.js";
import { presentPaperCard } from "../../presenters/paper-card.js";
import { renderCollectionsPage } from "../../views/collections-page.js";
import { sendHtml } from "../send-html.js";
import type { CollectionPageDeps } from "./deps.js";
import { loadPapers } from "./load-papers.js";
import type { collectionsShowSchema } from "./schemas.js";

type Request = FastifyRequest<{ Querystring: Static<typeof collectionsShowSchema.querystring> }>;

const FOUND_SHOWN = 50;

/** GET /collections?q= — my collections, and a search within the papers saved in them. */
export function collectionsShow({ collections, papers, visitors }: CollectionPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = request.viewer;
    if (!viewer) return reply.redirect("/login?next=%2Fcollections", 303);
    const query = request.query.q?.trim() ?? "";
    const [mine, foundIds] = await Promise.all([
      collections.mine(viewer.userId),
      query === "" ? null : collections.searchSaved(viewer.userId, query, FOUND_SHOWN),
    ]);
    const found = foundIds ? [...(await loadPapers(papers, foundIds)).values()].map(presentPaperCard) : null;
    const visitor = await visitors.visitorFor(viewer, found?.map((card) => card.id) ?? []);
    reply.header("cache-control", "private, no-store");
    return sendHtml(
      reply,
      renderCollectionsPage({ collections: mine.map(presentCollectionSummary), query, found }, visitor),
    );
  };
}
