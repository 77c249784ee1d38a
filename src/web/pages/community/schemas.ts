import { Type } from "@fastify/type-provider-typebox";

export const voteSubmitSchema = {
  params: Type.Object({ "*": Type.String() }),
  body: Type.Object({
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    action: Type.Union([Type.Literal("add"), Type.Literal("remove")]),
  }),
};

export const submitShowSchema = {
  querystring: Type.Object({
    paper: Type.Optional(Type.String({ maxLength: 300 })),
    done: Type.Optional(Type.String({ maxLength: 300 })),
  }),
};

export const submitConfirmSchema = {
  body: Type.Object({
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    paper: Type.String({ maxLength: 300 }),
  }),
};
