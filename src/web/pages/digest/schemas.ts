import { Type } from "@fastify/type-provider-typebox";

/** Shapes of the digest pages' inputs; links from mails carry the subscriber (s) and signature (t). */
const Id = Type.String({ maxLength: 100 });
const Token = Type.String({ maxLength: 100 });
const Csrf = Type.Optional(Type.String({ maxLength: 200 }));
const Field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

export const subscribeSchema = { body: Type.Object({ email: Type.String({ maxLength: 254 }) }) };

export const confirmShowSchema = { querystring: Type.Object({ s: Id, t: Token }) };

export const confirmSchema = { body: Type.Object({ s: Id, t: Token }) };

/** The visible link and the one-click POST (RFC 8058), whose body carries nothing the link does not. */
export const unsubscribeSchema = { querystring: Type.Object({ s: Id, t: Token }) };

export const feedbackSchema = {
  querystring: Type.Object({
    s: Id,
    t: Token,
    p: Type.String({ maxLength: 100 }),
    a: Type.Union([Type.Literal("more"), Type.Literal("less")]),
  }),
};

export const settingsSaveSchema = {
  body: Type.Object({
    _csrf: Csrf,
    frequency: Field(10),
    weekday: Field(2),
    hour: Field(2),
    timeZone: Field(64),
    kind: Field(10),
    size: Field(3),
    categories: Field(4_000),
    keywords: Field(4_000),
    authors: Field(4_000),
    negativeKeywords: Field(4_000),
    savedSearches: Field(4_000),
    likeMyPapers: Field(5),
  }),
};

export const settingsStopSchema = { body: Type.Object({ _csrf: Csrf }) };
