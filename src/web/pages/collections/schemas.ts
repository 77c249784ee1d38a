import { Type } from "@fastify/type-provider-typebox";

const Csrf = Type.Optional(Type.String({ maxLength: 200 }));
const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });

export const collectionsShowSchema = {
  querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 500 })) }),
};

export const collectionCreateSchema = {
  body: Type.Object({
    _csrf: Csrf,
    name: Type.String({ maxLength: 200 }),
    public: Type.Optional(Type.Literal("true")),
  }),
};

export const collectionShowSchema = { params: Id };

export const collectionItemsSchema = {
  params: Id,
  body: Type.Object({
    _csrf: Csrf,
    paper: Type.String({ maxLength: 300 }),
    action: Type.Union([
      Type.Literal("add"),
      Type.Literal("remove"),
      Type.Literal("read"),
      Type.Literal("unread"),
      Type.Literal("note"),
    ]),
    note: Type.Optional(Type.String({ maxLength: 10_000 })),
  }),
};

export const collectionVisibilitySchema = {
  params: Id,
  body: Type.Object({ _csrf: Csrf, public: Type.Union([Type.Literal("true"), Type.Literal("false")]) }),
};
