import { Type } from "@fastify/type-provider-typebox";

/** Shapes of the account pages' inputs; forms arrive urlencoded, every field a string. */
const Csrf = Type.Optional(Type.String({ maxLength: 200 }));
const Next = Type.Optional(Type.String({ maxLength: 2_000 }));

export const loginShowSchema = {
  querystring: Type.Object({ next: Next, email: Type.Optional(Type.String({ maxLength: 254 })) }),
};

export const loginRequestSchema = {
  body: Type.Object({
    _csrf: Csrf,
    next: Next,
    email: Type.String({ maxLength: 254 }),
    password: Type.Optional(Type.String({ maxLength: 200 })),
  }),
};

export const loginVerifyShowSchema = {
  querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })), next: Next }),
};

export const loginVerifySchema = {
  body: Type.Object({ _csrf: Csrf, token: Type.String({ maxLength: 200 }), next: Next }),
};

export const logoutSchema = {
  body: Type.Object({
    _csrf: Csrf,
    scope: Type.Optional(Type.Union([Type.Literal("this"), Type.Literal("everywhere")])),
  }),
};

/**
 * Free text whose limit the service checks, saying it in a sentence (a schema message would name a
 * field and a keyword). The form body limit (64 KiB) bounds what reaches it; the forms' maxlength
 * stops browsers before either.
 */
const Text = Type.String();

export const publicNameSetSchema = {
  body: Type.Object({ _csrf: Csrf, name: Text }),
};

export const passwordSetSchema = {
  body: Type.Object({ _csrf: Csrf, current: Type.Optional(Text), password: Text }),
};

export const accountDeleteSchema = {
  body: Type.Object({ _csrf: Csrf, confirm: Text }),
};

export const apiTokenCreateSchema = {
  body: Type.Object({ _csrf: Csrf, name: Text }),
};

export const apiTokenRevokeSchema = {
  params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
  body: Type.Object({ _csrf: Csrf }),
};
