import { Type } from "@fastify/type-provider-typebox";

export const voteSubmitSchema = {
  params: Type.Object({ "*": Type.String() }),
  body: Type.Object({
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    action: Type.Union([Type.Literal("add"), Type.Literal("remove")]),
  }),
};
