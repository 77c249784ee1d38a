import { type Static, Type } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { DOCUMENTED_EXAMPLES } from "../api-examples.js";
import { NotFoundError } from "../errors.js";
import { parsePaperId } from "../input.js";
import { presentSimilarJson } from "../presenters/similar-papers.js";
import type { ApiDeps } from "./deps.js";
import { ErrorJson, PaperJson } from "./schemas.js";

export const SimilarSort = Type.Union(
  [Type.Literal("relevance"), Type.Literal("date"), Type.Literal("upvotes")],
  { default: "relevance" },
);

/** Each route documents only the parameters its own path holds. */
const NewStyleParams = Type.Object({
  id: Type.String({ description: "A new-style arXiv id", examples: [DOCUMENTED_EXAMPLES.paperId] }),
});
const [exampleArchive, exampleNumber] = DOCUMENTED_EXAMPLES.oldStyleId.split("/");
const OldStyleParams = Type.Object({
  archive: Type.String({ description: "An old-style id's archive", examples: [exampleArchive] }),
  number: Type.String({ description: "An old-style id's number", examples: [exampleNumber] }),
});

export const paperSimilarSchema = {
  summary: "The papers nearest in meaning to one paper",
  description:
    "Nearest neighbours by the bundled model's vectors, ordered by similarity (relevance), date or upvotes. " +
    "Empty while the papers have no vectors yet.",
  params: NewStyleParams,
  querystring: Type.Object({
    sort: Type.Optional(SimilarSort),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
  }),
  response: {
    200: Type.Object({
      id: Type.String(),
      sort: SimilarSort,
      papers: Type.Array(Type.Object({ paper: PaperJson, similarity: Type.Number() })),
    }),
    400: ErrorJson,
    404: ErrorJson,
  },
};

/** The same route for old-style ids like hep-th/9901001. */
export const oldStylePaperSimilarSchema = { ...paperSimilarSchema, params: OldStyleParams };

type Request = FastifyRequest<{
  Params: Partial<Static<typeof NewStyleParams> & Static<typeof OldStyleParams>>;
  Querystring: Static<typeof paperSimilarSchema.querystring>;
}>;
type Response = Static<(typeof paperSimilarSchema.response)[200]>;

/** GET /api/papers/:id/similar (and /api/papers/:archive/:number/similar for old-style ids like hep-th/9901001) */
export function paperSimilar({ search }: ApiDeps) {
  return async (request: Request): Promise<Response> => {
    const { id: newStyle, archive, number } = request.params;
    const { id } = parsePaperId(newStyle ?? `${archive}/${number}`);
    const { sort = "relevance", limit = 10 } = request.query;
    const similar = await search.similar(id, sort, limit);
    if (!similar) throw new NotFoundError(`No paper with id ${id}.`);
    return { id, sort, papers: similar.map(presentSimilarJson) };
  };
}
