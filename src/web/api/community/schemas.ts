import { Type } from "@fastify/type-provider-typebox";
import { DOCUMENTED_EXAMPLES } from "../../api-examples.js";
import { ErrorJson, PaperJson } from "../schemas.js";

/** One change to a paper in a collection; the page form sends the same fields plus its CSRF token. */
export const CollectionItemChange = Type.Object({
  paper: Type.String({ maxLength: 300 }),
  action: Type.Union([
    Type.Literal("add"),
    Type.Literal("remove"),
    Type.Literal("read"),
    Type.Literal("unread"),
    Type.Literal("note"),
  ]),
  note: Type.Optional(Type.String({ maxLength: 10_000 })),
});

/** The community API's contract (votes, for now). */
const errors = { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 429: ErrorJson };

export const VoteJson = Type.Object({
  paperId: Type.String(),
  voted: Type.Boolean({ description: "Whether the caller's upvote is there after the call" }),
  changed: Type.Boolean({ description: "False when the call found it already so (idempotent retries)" }),
  upvotes: Type.Integer({ description: "The paper's count: the sources' baseline plus community votes" }),
});

const voteParams = Type.Object({ "*": Type.String({ description: "<arXiv id>/vote" }) });

export const voteCreateSchema = {
  summary: "Upvote a paper (once per user; repeating it changes nothing)",
  description:
    "Signed-in browsers send the x-csrf-token header; scripts send Authorization: Bearer <API token>. " +
    "A paper moderators took off the lists (or merged into another) takes no new votes: 409.",
  params: voteParams,
  response: { 200: VoteJson, ...errors, 409: ErrorJson },
};

export const voteDeleteSchema = {
  summary: "Remove your upvote from a paper",
  params: voteParams,
  response: { 200: VoteJson, ...errors },
};

export const submissionCreateSchema = {
  summary: "Submit a paper by arXiv id or URL (abs, pdf, html, any version)",
  description:
    "With preview: true nothing is recorded: the answer says what submitting would do. A paper already listed is upvoted instead.",
  body: Type.Object({
    paper: Type.String({
      maxLength: 300,
      description: "2509.09672, arXiv:2509.09672v2, https://arxiv.org/abs/…",
    }),
    preview: Type.Optional(Type.Boolean({ default: false })),
  }),
  response: {
    200: Type.Object({
      paperId: Type.String(),
      title: Type.String(),
      outcome: Type.Union([Type.Literal("list"), Type.Literal("upvote")]),
      day: Type.String(),
      message: Type.String(),
    }),
    201: Type.Object({
      paperId: Type.String(),
      outcome: Type.Union([Type.Literal("listed"), Type.Literal("upvoted")]),
      day: Type.String({ description: "The daily list the paper is on (YYYY-MM-DD)" }),
      upvotes: Type.Integer(),
      links: Type.Object({ page: Type.String(), day: Type.String() }),
    }),
    ...errors,
    503: ErrorJson,
  },
};

const CommentJson = Type.Object({
  id: Type.String(),
  paperId: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  author: Type.String({
    description: "The author's public name, else a pseudonym (reader-1a2b3c); never from their address",
  }),
  authorRole: Type.Union([Type.Literal("moderator"), Type.Literal("admin"), Type.Null()], {
    description: "Set for comments by the site's staff",
  }),
  body: Type.Union([Type.String(), Type.Null()], { description: "Markdown; null when deleted or hidden" }),
  createdAt: Type.String(),
  editedAt: Type.Union([Type.String(), Type.Null()]),
  state: Type.Union([Type.Literal("visible"), Type.Literal("deleted"), Type.Literal("hidden")]),
});

const commentParams = Type.Object({
  id: Type.String({
    maxLength: 100,
    description: "arXiv id (old-style ids encoded: hep-th%2F9901001)",
    examples: [DOCUMENTED_EXAMPLES.paperId],
  }),
});

export const commentListSchema = {
  summary: "A paper's comments, oldest first (threads through parentId)",
  params: commentParams,
  response: { 200: Type.Object({ paperId: Type.String(), comments: Type.Array(CommentJson) }), ...errors },
};

export const commentCreateSchema = {
  summary: "Comment on a paper, or answer a comment (parentId)",
  params: commentParams,
  body: Type.Object({
    body: Type.String({ maxLength: 20_000, description: "Markdown subset with $math$" }),
    // Null first: the string branch would coerce null to "" (no such comment) before null matched.
    parentId: Type.Optional(
      Type.Union([Type.Null(), Type.String({ maxLength: 100 })], {
        description: "The comment answered; null or absent starts a thread",
      }),
    ),
  }),
  response: { 201: CommentJson, ...errors },
};

const CollectionJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  public: Type.Boolean(),
  papers: Type.Integer({ description: "Its papers that are listed (not hidden by moderators)" }),
  hiddenByModerators: Type.Optional(
    Type.Integer({
      description:
        "Its papers that moderators hid, left out of what others see; told to the owner, moderators and admins",
    }),
  ),
  links: Type.Object({ page: Type.String() }),
});

export const collectionListSchema = {
  summary: "Your collections",
  response: { 200: Type.Object({ collections: Type.Array(CollectionJson) }), ...errors },
};

const CollectionName = Type.String({
  maxLength: 100,
  description:
    "Trimmed, then 1 to 100 characters; control characters (C0, C1), unpaired surrogates and Unicode noncharacters (U+FFFE, U+FFFF, …) are refused (400)",
  examples: ["Diffusion reading list"],
});

export const collectionCreateSchema = {
  summary: "Create a collection",
  body: Type.Object({
    name: CollectionName,
    public: Type.Optional(Type.Boolean({ default: false })),
  }),
  response: { 201: CollectionJson, ...errors },
};

const collectionParams = Type.Object({
  id: Type.String({
    maxLength: 100,
    description: "The collection's id, from its address",
    examples: [DOCUMENTED_EXAMPLES.collectionId],
  }),
});

export const collectionShowSchema = {
  summary:
    "One collection: public ones for anyone, private ones for their owner; read marks and notes for the owner only",
  params: collectionParams,
  response: {
    200: Type.Object({
      collection: CollectionJson,
      items: Type.Array(
        Type.Object({
          paperId: Type.String(),
          addedAt: Type.String(),
          readAt: Type.Union([Type.String(), Type.Null()]),
          note: Type.String(),
          hidden: Type.Boolean({
            description: "Hidden by moderators: such papers are listed for moderators and admins only",
          }),
        }),
      ),
    }),
    ...errors,
  },
};

export const collectionUpdateSchema = {
  summary: "Rename your collection, or make it public or private",
  description:
    "Send the fields to change. A name that is refused (400) changes nothing. Another member's collection, " +
    "public or not, answers 404, as one that does not exist.",
  params: collectionParams,
  body: Type.Object(
    {
      name: Type.Optional(CollectionName),
      public: Type.Optional(Type.Boolean()),
    },
    { minProperties: 1 },
  ),
  response: { 200: CollectionJson, ...errors },
};

export const collectionDeleteSchema = {
  summary: "Delete your collection with its papers' entries, notes and read marks (cannot be undone)",
  description:
    "Its page, feeds and citation exports answer 404 from then on; the papers stay. Another member's " +
    "collection, public or not, answers 404, as one that does not exist.",
  params: collectionParams,
  response: { 204: Type.Null({ description: "Deleted" }), ...errors },
};

export const collectionItemsSchema = {
  summary: "Add, remove, mark read/unread or annotate a paper in your collection",
  params: collectionParams,
  body: CollectionItemChange,
  response: { 204: Type.Null(), ...errors },
};

export const accountDeleteSchema = {
  summary: "Delete your account (cannot be undone)",
  description:
    "Send the account's email address as `confirm`; any other value is refused (400) and nothing is deleted. " +
    "The account goes with its sessions (signed out everywhere), API tokens, password, sign-in links, " +
    "collections (public ones too), submissions and email digest subscription. Its upvotes are taken back, " +
    "each paper's count lowered by one. Its comments stay in their threads, erased and without author. " +
    "The instance's last admin cannot delete their account (409). Only a signed-in browser session " +
    "(with its `x-csrf-token`) may delete it: an API token is refused (403), so a leaked one cannot. Signing in with the address later " +
    "starts a new, empty account.",
  body: Type.Object({
    confirm: Type.String({
      maxLength: 254,
      description: "The account's email address, typed to confirm",
      examples: ["ada@example.org"],
    }),
  }),
  response: { 204: Type.Null({ description: "Deleted" }), ...errors, 409: ErrorJson },
};

/** The periods of "for you" (the page takes the same parameter). */
export const RecommendationPeriodParam = Type.Union(
  [Type.Literal("week"), Type.Literal("month"), Type.Literal("all")],
  {
    description: "How far back from the latest listed day: the past 7 or 30 days, or every paper",
    default: "week",
  },
);

export const forYouSchema = {
  summary: "Papers for you: the period's papers most alike to the ones you upvoted and saved",
  description:
    "The papers listed in the past week or month up to the latest listed day, or of every paper, alike to your upvoted and " +
    "saved papers: those are grouped into up to 8 interests (directions of the model's vectors), a paper counts when its " +
    "cosine to the nearest interest reaches 0.3, and the interests share the places by how many of your papers make each; " +
    "each paper comes with the liked paper it is closest to; " +
    "papers you upvoted or saved are never among them, and papers moderators hid neither count nor show. " +
    "`status` is `no-taste` until you have upvoted or saved a paper that has a vector, and `no-model` where " +
    "search runs without the model.",
  querystring: Type.Object({ period: Type.Optional(RecommendationPeriodParam) }),
  response: {
    200: Type.Object({
      status: Type.Union([Type.Literal("ready"), Type.Literal("no-taste"), Type.Literal("no-model")]),
      period: Type.Union([Type.Literal("week"), Type.Literal("month"), Type.Literal("all")], {
        description: "The period asked for",
      }),
      liked: Type.Integer({
        description:
          "How many papers you upvoted or saved, leaving out those moderators hid (at most 200 count)",
      }),
      from: Type.Optional(
        Type.Union([Type.String(), Type.Null()], {
          description: "The period's first day; null for every paper",
        }),
      ),
      to: Type.Optional(
        Type.Union([Type.String(), Type.Null()], {
          description: "The period's last day, the latest listed day; null for every paper",
        }),
      ),
      papers: Type.Array(
        Type.Object({
          paper: PaperJson,
          similarity: Type.Number(),
          closestLiked: Type.Object({ id: Type.String(), title: Type.String() }),
        }),
      ),
    }),
    ...errors,
  },
};
