import { Type } from "@fastify/type-provider-typebox";
import { RecommendationPeriodParam } from "../../api/community/schemas.js";

export const voteSubmitSchema = {
  params: Type.Object({ "*": Type.String() }),
  body: Type.Object({
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    action: Type.Union([Type.Literal("add"), Type.Literal("remove")]),
  }),
};

export const forYouShowSchema = {
  querystring: Type.Object({ period: Type.Optional(RecommendationPeriodParam) }),
};

/**
 * An action's result travels to the page as a code and ids (submit-show.ts, audit-show.ts) that the
 * page puts into words: a link can only make the page say what the page itself says of an action.
 * Codes or counts it cannot read, as in links from before codes (free text up to 300 characters), show
 * the page without a notice.
 */
const ResultCode = Type.Optional(Type.String({ maxLength: 300 }));
const Count = Type.Optional(Type.String({ maxLength: 12 }));

export const submitShowSchema = {
  querystring: Type.Object({
    paper: Type.Optional(Type.String({ maxLength: 300 })),
    done: ResultCode,
    id: Type.Optional(Type.String({ maxLength: 40 })),
    day: Type.Optional(Type.String({ maxLength: 10 })),
  }),
};

export const submitConfirmSchema = {
  body: Type.Object({
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    paper: Type.String({ maxLength: 300 }),
  }),
};

const Csrf = Type.Optional(Type.String({ maxLength: 200 }));
const CommentBody = Type.String({ maxLength: 20_000 });

export const commentCreateSchema = {
  params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
  body: Type.Object({
    _csrf: Csrf,
    body: CommentBody,
    parent: Type.Optional(Type.String({ maxLength: 100 })),
  }),
};

export const commentEditSchema = {
  params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
  body: Type.Object({ _csrf: Csrf, body: CommentBody }),
};

export const commentDeleteSchema = {
  params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
  body: Type.Object({ _csrf: Csrf }),
};

export const commentHideSchema = {
  params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
  body: Type.Object({
    _csrf: Csrf,
    hidden: Type.Union([Type.Literal("true"), Type.Literal("false")]),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  }),
};

export const auditShowSchema = {
  querystring: Type.Object({
    done: ResultCode,
    email: Type.Optional(Type.String({ maxLength: 254 })),
    paper: Type.Optional(Type.String({ maxLength: 40 })),
    kept: Type.Optional(Type.String({ maxLength: 40 })),
    votes: Count,
    entries: Count,
    comments: Count,
    upvotes: Count,
  }),
};

export const userSuspendSchema = {
  body: Type.Object({
    _csrf: Csrf,
    email: Type.String({ maxLength: 254 }),
    suspended: Type.Union([Type.Literal("true"), Type.Literal("false")]),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  }),
};

const PaperReference = Type.String({ maxLength: 300 });

export const paperHideSchema = {
  body: Type.Object({
    _csrf: Csrf,
    paper: PaperReference,
    hidden: Type.Union([Type.Literal("true"), Type.Literal("false")]),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  }),
};

export const paperMergeSchema = {
  body: Type.Object({
    _csrf: Csrf,
    duplicate: PaperReference,
    kept: PaperReference,
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  }),
};
