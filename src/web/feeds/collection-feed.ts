import type { FastifyReply, FastifyRequest } from "fastify";
import type { CollectionService } from "../../community/collections.js";
import type { Paper } from "../../core/paper.js";
import { originOf } from "../origin.js";
import { presentPaperFeed } from "../presenters/paper-feed.js";
import type { FeedDeps } from "./deps.js";
import { parseFeedFile } from "./feed-file.js";
import { sendFeed } from "./send-feed.js";

/** GET /feeds/collection/:id.rss|.atom — a public collection, newest additions first; private ones are 404. */
export function collectionFeed(collections: CollectionService, { papers, publicUrl }: FeedDeps) {
  return async (request: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => {
    const { name: id, format } = parseFeedFile(request.params.file);
    // As an anonymous reader: a private collection answers "not found", notes and read marks stay hidden.
    const view = await collections.view(id, null);
    const found = await Promise.all(view.items.map((item) => papers.getPaper(item.paperId)));
    const origin = originOf(request, publicUrl);
    const feed = presentPaperFeed(
      found.filter((paper): paper is Paper => paper !== null),
      {
        title: `PaperPulse · ${view.collection.name}`,
        description: `The papers of the collection “${view.collection.name}”, newest additions first.`,
        pageUrl: `${origin}/collections/${view.collection.id}`,
        feedUrlBase: `${origin}/feeds/collection/${view.collection.id}`,
      },
      origin,
    );
    return sendFeed(request, reply, feed, format);
  };
}
