import { type Static, Type } from "@fastify/type-provider-typebox";

/** The JSON API's contract: validated on the way in, serialised (and trimmed) on the way out. */

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Sort = Type.Union([Type.Literal("upvotes"), Type.Literal("date")], { default: "upvotes" });
const Page = Type.Integer({ minimum: 1, maximum: 10_000, default: 1 });
const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 30 });

export const PaperJson = Type.Object({
  id: Type.String(),
  title: Type.String(),
  abstract: Type.String(),
  authors: Type.Array(Type.String()),
  authorCount: Type.Union([Type.Integer(), Type.Null()]),
  categories: Type.Array(Type.String()),
  primaryCategory: NullableString,
  comments: NullableString,
  journalRef: NullableString,
  doi: NullableString,
  license: NullableString,
  versions: Type.Array(Type.Object({ version: Type.Integer(), createdAt: NullableString })),
  publishedAt: NullableString,
  day: Type.String(),
  upvotes: Type.Integer(),
  links: Type.Object({ abs: Type.String(), pdf: Type.String(), page: Type.String() }),
});
export type PaperJson = Static<typeof PaperJson>;

export const ErrorJson = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String() }),
});
export type ErrorJson = Static<typeof ErrorJson>;

const clientErrors = { 400: ErrorJson, 404: ErrorJson };

export const papersListSchema = {
  summary: "Papers of one day, ISO week or month (default: the latest day with papers)",
  querystring: Type.Object({
    day: Type.Optional(Type.String({ description: "YYYY-MM-DD" })),
    week: Type.Optional(Type.String({ description: "ISO week, e.g. 2025-W37" })),
    month: Type.Optional(Type.String({ description: "YYYY-MM" })),
    sort: Type.Optional(Sort),
    page: Type.Optional(Page),
    limit: Type.Optional(Limit),
  }),
  response: {
    200: Type.Object({
      period: Type.Union([
        Type.Object({
          kind: Type.Union([Type.Literal("day"), Type.Literal("week"), Type.Literal("month")]),
          label: Type.String(),
          from: Type.String(),
          to: Type.String(),
        }),
        Type.Null(),
      ]),
      sort: Sort,
      page: Type.Integer(),
      limit: Type.Integer(),
      total: Type.Integer(),
      papers: Type.Array(PaperJson),
    }),
    ...clientErrors,
  },
};

export const paperShowSchema = {
  summary: "One paper by arXiv id (a version suffix is accepted and ignored)",
  params: Type.Object({ "*": Type.String() }),
  response: { 200: PaperJson, ...clientErrors },
};

export const SearchModeJson = Type.Union(
  [Type.Literal("lexical"), Type.Literal("semantic"), Type.Literal("hybrid")],
  { default: "hybrid" },
);

export const searchSchema = {
  summary: "Search by words and meaning (hybrid by default)",
  description:
    "titleHighlighted and snippet are HTML: the text is escaped and matched words are wrapped in <mark>…</mark>. " +
    "mode=lexical ranks by BM25 alone, semantic by the bundled model's vectors alone, hybrid blends both; " +
    "hits found by meaning alone carry relatedTerms.",
  querystring: Type.Object({
    q: Type.Optional(Type.String()),
    mode: Type.Optional(SearchModeJson),
    page: Type.Optional(Page),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  }),
  response: {
    200: Type.Object({
      query: Type.String(),
      mode: Type.Union([Type.Literal("lexical"), Type.Literal("semantic"), Type.Literal("hybrid")], {
        description: "The mode that ran: lexical while the papers have no vectors yet",
      }),
      notice: NullableString,
      total: Type.Integer({ description: "Matches, counted up to the store's ranking limit" }),
      truncated: Type.Boolean({ description: "More papers matched than were ranked; add words to narrow" }),
      page: Type.Integer(),
      limit: Type.Integer(),
      hits: Type.Array(
        Type.Object({
          paper: PaperJson,
          score: Type.Number(),
          titleHighlighted: Type.String(),
          snippet: Type.String(),
          foundBy: Type.Union([Type.Literal("words"), Type.Literal("meaning"), Type.Literal("both")]),
          relatedTerms: Type.Array(Type.String(), {
            description: "For hits found by meaning alone: the paper's words closest to the query",
          }),
        }),
      ),
    }),
    ...clientErrors,
  },
};

export const healthSchema = {
  summary: "Liveness and the number of stored papers",
  response: { 200: Type.Object({ status: Type.Literal("ok"), papers: Type.Integer() }) },
};
