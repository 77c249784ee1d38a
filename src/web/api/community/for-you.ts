import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { signedIn } from "../../auth/require.js";
import { presentPaperJson } from "../../presenters/paper-json.js";
import type { CommunityApiDeps } from "./deps.js";
import type { forYouSchema } from "./schemas.js";

type Request = FastifyRequest<{ Querystring: Static<typeof forYouSchema.querystring> }>;
type Response = Static<(typeof forYouSchema.response)[200]>;

/** GET /api/me/for-you */
export function forYou({ recommendations }: CommunityApiDeps) {
  return async (request: Request): Promise<Response> => {
    const viewer = signedIn(request);
    const period = request.query.period ?? "week";
    const found = await recommendations.forUser(viewer.userId, period);
    if (found.status !== "ready")
      return {
        status: found.status,
        period,
        liked: found.status === "no-taste" ? found.liked : 0,
        papers: [],
      };
    return {
      status: found.status,
      period,
      liked: found.liked,
      from: found.from,
      to: found.to,
      papers: found.picks.map(({ paper, similarity, closestLiked }) => ({
        paper: presentPaperJson(paper),
        similarity,
        closestLiked,
      })),
    };
  };
}
