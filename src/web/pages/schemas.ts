import { Type } from "@fastify/type-provider-typebox";

/** Shapes of the pages' inputs; a mismatch becomes a 400 page through the pages' error handler. */

const Page = Type.Integer({ minimum: 1, maximum: 10_000 });
const Sort = Type.Union([Type.Literal("upvotes"), Type.Literal("date")]);

export const listingSchema = {
  querystring: Type.Object({ page: Type.Optional(Page), sort: Type.Optional(Sort) }),
};

export const periodSchema = {
  params: Type.Object({ label: Type.String() }),
  querystring: listingSchema.querystring,
};

export const paperSchema = {
  params: Type.Object({ "*": Type.String() }),
};

const Mode = Type.Union([Type.Literal("lexical"), Type.Literal("semantic"), Type.Literal("hybrid")]);

const SearchSort = Type.Union([Type.Literal("relevance"), Type.Literal("date"), Type.Literal("upvotes")]);

export const searchPageSchema = {
  querystring: Type.Object({
    q: Type.Optional(Type.String()),
    category: Type.Optional(Type.String()),
    author: Type.Optional(Type.String()),
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
    sort: Type.Optional(SearchSort),
    page: Type.Optional(Page),
    mode: Type.Optional(Mode),
  }),
};

export const paperPageSchema = {
  params: paperSchema.params,
  querystring: Type.Object({ similar: Type.Optional(SearchSort) }),
};

export const authorPageSchema = {
  params: Type.Object({ name: Type.String({ maxLength: 200 }) }),
  querystring: listingSchema.querystring,
};

export const categoryPageSchema = {
  params: Type.Object({ code: Type.String({ maxLength: 100 }) }),
  querystring: listingSchema.querystring,
};
