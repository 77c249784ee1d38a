import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logMailer } from "../../src/mail/mailer.js";
import type { Stores } from "../../src/store/community-stores.js";
import { buildApp } from "../../src/web/app.js";
import { makePaperInput } from "../support/paper-factory.js";
import { MAIL_FROM, openDigestTestStores, PUBLIC_URL } from "./digest/digest-app.js";

const PAGE_NUMBER = "The page number must be a whole number from 1 to 10,000.";

/** The message of an error page: what the reader is told, apart from the header and the footer. */
function errorMessage(html: string): string {
  return /<h1 id="error-heading">[^<]*<\/h1><p>([^<]*)<\/p>/.exec(html)?.[1] ?? "";
}

describe("input the pages refuse, told in plain words (the JSON API keeps its own wording)", () => {
  let stores: Stores;
  let app: FastifyInstance;
  beforeAll(async () => {
    stores = await openDigestTestStores();
    await stores.papers.upsertPapers([makePaperInput({ id: "2509.00001", listingDay: "2025-09-11" })]);
    const mailer = logMailer({ info: () => {} });
    app = await buildApp({
      store: stores.papers,
      pageCacheTtlMs: 0,
      community: { stores: stores.community, mailer, publicUrl: PUBLIC_URL },
      digest: { stores: stores.digest, mailer, publicUrl: PUBLIC_URL, mailFrom: MAIL_FROM },
    });
  });
  afterAll(async () => {
    await app.close();
    await stores.papers.close();
  });

  it.each([
    [
      "/digest/unsubscribe",
      "This link is incomplete: part of it is missing. If you copied it, from a mail for instance, copy the whole link and try again.",
    ],
    ["/?page=abc", PAGE_NUMBER],
    ["/?page=99999999999999999999", PAGE_NUMBER],
    ["/search?q=x&page=0", PAGE_NUMBER],
    ["/?page=Infinity", PAGE_NUMBER],
    ["/?page=-Infinity", PAGE_NUMBER],
    ["/?page=1e400", PAGE_NUMBER],
    ["/search?q=x&page=Infinity", PAGE_NUMBER],
    ["/days/2025-09-11?page=Infinity", PAGE_NUMBER],
    ["/?sort=bogus", "The sort order can be upvotes or date."],
    ["/search?q=x&mode=fast", "The search mode can be lexical, semantic or hybrid."],
    [`/authors/${"a".repeat(201)}`, "“name” is too long: it can have at most 200 characters."],
  ])("GET %s", async (url, message) => {
    const response = await app.inject(url);
    expect(response.statusCode).toBe(400);
    expect(errorMessage(response.body)).toBe(message);
  });

  it("names the field a form was sent without", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/digest/subscribe",
      payload: "",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.statusCode).toBe(400);
    expect(errorMessage(response.body)).toBe(
      "The form was sent without its “email” field: fill it in and send it again.",
    );
  });

  it("leaves the API's messages as documented", async () => {
    const page = await app.inject("/api/papers?page=abc");
    expect(page.statusCode).toBe(400);
    expect(page.json()).toEqual({ error: { code: "bad_request", message: "page must be integer." } });
  });
});
