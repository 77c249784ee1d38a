import { Type } from "@fastify/type-provider-typebox";
import { CollectionItemChange } from "../../api/community/schemas.js";

const Csrf = Type.Optional(Type.String({ maxLength: 200 }));
const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });

export const collectionsShowSchema = {
  querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 500 })) }),
};

// The service says what is wrong with a name in a sentence; the form body limit (64 KiB) bounds it.
const Name = Type.String();

export const collectionCreateSchema = {
  body: Type.Object({
    _csrf: Csrf,
    name: Name,
    public: Type.Optional(Type.Literal("true")),
  }),
};

export const collectionShowSchema = { params: Id };

export const collectionItemsSchema = {
  params: Id,
  body: Type.Object({
    _csrf: Csrf,
    ...CollectionItemChange.properties,
  }),
};

export const collectionVisibilitySchema = {
  params: Id,
  body: Type.Object({ _csrf: Csrf, public: Type.Union([Type.Literal("true"), Type.Literal("false")]) }),
};

export const collectionRenameSchema = {
  params: Id,
  body: Type.Object({ _csrf: Csrf, name: Name }),
};

export const collectionDeleteSchema = {
  params: Id,
  body: Type.Object({ _csrf: Csrf }),
};
