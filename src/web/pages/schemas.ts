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

export const searchPageSchema = {
  querystring: Type.Object({ q: Type.Optional(Type.String()), page: Type.Optional(Page) }),
};
