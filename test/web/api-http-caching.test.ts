import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePaperInput } from "../support/paper-factory.js";
import { buildTestApp, type TestApp } from "./build-app.js";

const DAY = "2025-09-11";

describe("JSON API caching and cross-origin reads", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp([
      makePaperInput({ id: "2509.09672", title: "Locality", listingDay: DAY, upvotes: 2 }),
    ]);
  });
  afterAll(() => t.close());

  it("tags every read with an ETag and answers 304 with no body while it holds", async () => {
    for (const url of [`/api/papers?day=${DAY}`, "/api/papers/2509.09672", "/api/search?q=locality"]) {
      const first = await t.app.inject({ url });
      expect(first.statusCode, url).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag, url).toMatch(/^"[\w-]+"$/);
      const again = await t.app.inject({ url, headers: { "if-none-match": etag } });
      expect(again.statusCode, url).toBe(304);
      expect(again.body, url).toBe("");
      const weakList = await t.app.inject({ url, headers: { "if-none-match": `"other", W/${etag}` } });
      expect(weakList.statusCode, url).toBe(304);
    }
  });

  it("gives a new ETag once the answer changes", async () => {
    const url = `/api/papers?day=${DAY}`;
    const before = (await t.app.inject({ url })).headers.etag as string;
    await t.store.upsertPapers([makePaperInput({ id: "2509.09673", title: "Another", listingDay: DAY })]);
    const after = await t.app.inject({ url, headers: { "if-none-match": before } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before);
    expect(after.json().total).toBe(2);
  });

  it("lets pages on other sites read, without tagging errors", async () => {
    const read = await t.app.inject({
      url: "/api/papers/2509.09672",
      headers: { origin: "https://elsewhere.example" },
    });
    expect(read.headers["access-control-allow-origin"]).toBe("*");
    const missing = await t.app.inject({ url: "/api/papers/2509.99999", headers: { "if-none-match": "*" } });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    expect(missing.headers["access-control-allow-origin"]).toBe("*");
  });
});
