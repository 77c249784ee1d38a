import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import { presentForYouPage } from "../../presenters/for-you-page.js";
import { renderForYouPage } from "../../views/for-you-page.js";
import { commentCountsOf, withCommentCount } from "../comment-counts.js";
import { sendHtml } from "../send-html.js";
import type { CommunityPageDeps } from "./deps.js";
import type { forYouShowSchema } from "./schemas.js";

type Request = FastifyRequest<{ Querystring: Static<typeof forYouShowSchema.querystring> }>;

/** GET /for-you — a member's own ranking, rendered for them alone; anonymous visitors sign in first. */
export function forYouShow({ recommendations, visitors, comments }: CommunityPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const viewer = signedIn(request);
    const period = request.query.period ?? "week";
    const presented = presentForYouPage(await recommendations.forUser(viewer.userId, period), period);
    const counts = await commentCountsOf(
      comments,
      presented.cards.map(({ card }) => card.id),
    );
    const model = {
      ...presented,
      cards: presented.cards.map((entry) => ({ ...entry, card: withCommentCount(entry.card, counts) })),
    };
    const visitor =
      (await visitors?.visitorFor(
        viewer,
        model.cards.map(({ card }) => card.id),
      )) ?? null;
    reply.header("cache-control", "private, no-store");
    return sendHtml(reply, renderForYouPage(model, visitor));
  };
}
