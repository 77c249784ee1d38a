import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { presentCollectionPage } from "../../presenters/collections.js";
import { renderCollectionPage } from "../../views/collection-page.js";
import { commentCountsOf, withCommentCount } from "../comment-counts.js";
import { sendHtml } from "../send-html.js";
import type { CollectionPageDeps } from "./deps.js";
import { loadPapers } from "./load-papers.js";
import type { collectionShowSchema } from "./schemas.js";

type Request = FastifyRequest<{ Params: Static<typeof collectionShowSchema.params> }>;

/** GET /collections/:id — public collections for everyone, private ones for their owner (404 otherwise). */
export function collectionShow({ collections, comments, papers, visitors }: CollectionPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = request.viewer;
    const view = await collections.view(request.params.id, viewer);
    const paperIds = view.items.map((item) => item.paperId);
    const [found, visitor, counts] = await Promise.all([
      loadPapers(papers, paperIds),
      viewer ? visitors.visitorFor(viewer, paperIds) : null,
      commentCountsOf(comments, paperIds),
    ]);
    const model = presentCollectionPage(view, found);
    const items = model.items.map((item) => ({ ...item, card: withCommentCount(item.card, counts) }));
    reply.header("cache-control", "private, no-store");
    return sendHtml(reply, renderCollectionPage({ ...model, items }, visitor));
  };
}
