import { Type } from "@fastify/type-provider-typebox";

/** Shapes of the feeds' inputs; a mismatch becomes a JSON 400 through the feeds' error handler. */

export const feedFileSchema = {
  params: Type.Object({ file: Type.String({ maxLength: 300 }) }),
};

export const searchFeedSchema = {
  querystring: Type.Object({
    q: Type.Optional(Type.String()),
    category: Type.Optional(Type.String()),
    author: Type.Optional(Type.String()),
    from: Type.Optional(Type.String()),
    to: Type.Optional(Type.String()),
    sort: Type.Optional(
      Type.Union([Type.Literal("relevance"), Type.Literal("date"), Type.Literal("upvotes")]),
    ),
  }),
};
