import { type Static, Type } from "@fastify/type-provider-typebox";
import { DOCUMENTED_EXAMPLES } from "../api-examples.js";

/** The JSON API's contract: validated on the way in, serialised (and trimmed) on the way out. */

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Sort = Type.Union([Type.Literal("upvotes"), Type.Literal("date")], { default: "upvotes" });
const SearchSort = Type.Union([Type.Literal("relevance"), Type.Literal("date"), Type.Literal("upvotes")], {
  default: "relevance",
});
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
  day: Type.String({
    description: "The day the paper was listed (its day page, what date filters read), YYYY-MM-DD",
  }),
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
    q: Type.Optional(
      Type.String({
        description:
          'Words, "phrases", -exclusions (they narrow words or filters: alone, a 400), names as written (C++, C#) and filters: author:, cat:, year:, after:, before: (periods go by the day a paper was listed, its "day")',
        examples: ['"vision transformer" cat:cs.CV after:2025-01'],
      }),
    ),
    category: Type.Optional(
      Type.String({
        description: "arXiv categories or archives, comma-separated",
        examples: ["cs.LG,stat.ML"],
      }),
    ),
    author: Type.Optional(Type.String({ description: "Words of one author's name", examples: ["LeCun"] })),
    from: Type.Optional(
      Type.String({
        description: "First listing day (YYYY-MM-DD), as a paper's day",
        examples: ["2025-01-01"],
      }),
    ),
    to: Type.Optional(
      Type.String({
        description: "Last listing day (YYYY-MM-DD), as a paper's day",
        examples: ["2025-12-31"],
      }),
    ),
    sort: Type.Optional(SearchSort),
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
  summary: "Liveness, the latest listed day and the number of stored papers (counted at most once a minute)",
  description:
    "Cheap enough to probe every second: each probe reads the latest day (an index's end); the paper " +
    "count is cached and counted again, after the answer, once it is a minute old.",
  response: {
    200: Type.Object({
      status: Type.Literal("ok"),
      latestDay: Type.Union([Type.String({ description: "YYYY-MM-DD" }), Type.Null()], {
        description: "The newest day with papers; null on an empty store",
      }),
      papers: Type.Integer({ description: "Stored papers, as of papersCountedAt" }),
      papersCountedAt: Type.String({ description: "When papers was counted (ISO time)" }),
    }),
  },
};

const HfAuthor = Type.Object({
  _id: Type.String({ description: "Stable 24-hex id of this author entry" }),
  name: Type.String(),
  hidden: Type.Boolean(),
});

const HfSubmitter = Type.Object({
  avatarUrl: Type.String(),
  fullname: Type.String(),
  name: Type.String(),
  type: Type.String(),
  isPro: Type.Boolean(),
  isHf: Type.Boolean(),
  isMod: Type.Boolean(),
});

export const HfDailyPaper = Type.Object({
  paper: Type.Object({
    id: Type.String({ examples: [DOCUMENTED_EXAMPLES.paperId] }),
    authors: Type.Array(HfAuthor),
    publishedAt: Type.String({ description: "ISO time of the first version" }),
    title: Type.String(),
    summary: Type.String({ description: "The abstract" }),
    upvotes: Type.Integer(),
    discussionId: Type.String({ description: "Stable 24-hex id (PaperPulse has no separate discussion)" }),
  }),
  publishedAt: Type.String({ description: "ISO time of the day the paper was listed" }),
  title: Type.String(),
  thumbnail: Type.String({ description: "An SVG card with the paper's title" }),
  numComments: Type.Integer(),
  submittedBy: HfSubmitter,
});
export type HfDailyPaper = Static<typeof HfDailyPaper>;

export const dailyPapersSchema = {
  summary: "Daily papers in Hugging Face's /api/daily_papers shape",
  description:
    "For existing Daily Papers clients and scripts: the same query parameters and item shape as " +
    "https://huggingface.co/api/daily_papers. Default: the latest listed day, most upvoted first.",
  querystring: Type.Object({
    date: Type.Optional(Type.String({ description: "YYYY-MM-DD", examples: [DOCUMENTED_EXAMPLES.day] })),
    week: Type.Optional(Type.String({ description: "ISO week, e.g. 2025-W50" })),
    month: Type.Optional(Type.String({ description: "YYYY-MM" })),
    sort: Type.Optional(
      Type.Union([Type.Literal("trending"), Type.Literal("publishedAt")], {
        description: "trending: most upvoted first; publishedAt: newest first",
        default: "trending",
      }),
    ),
    p: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, default: 0, description: "Page, from 0" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  }),
  response: { 200: Type.Array(HfDailyPaper), ...clientErrors },
};
