import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { buildApp } from "../../src/web/app.js";
import { PageCache } from "../../src/web/page-cache.js";
import { ASSETS } from "../../src/web/static-assets.js";
import { makePaperInput } from "../support/paper-factory.js";
import { buildTestApp, type TestApp } from "./build-app.js";

describe("static assets", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it("serves the stylesheet under a content-hashed URL, cached for a year", async () => {
    expect(ASSETS.style).toMatch(/^\/static\/style\.css\?v=[0-9a-f]{12}$/);
    const response = await t.app.inject(ASSETS.style);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/css");
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await t.app.inject("/")).body).toContain(`href="${ASSETS.style}"`);
  });

  it("answers a missing asset with a 404 and never lists folders", async () => {
    expect((await t.app.inject("/static/nothing.css")).statusCode).toBe(404);
    expect((await t.app.inject("/static/")).statusCode).toBe(404);
    expect((await t.app.inject("/static/../package.json")).statusCode).toBe(404);
  });
});

describe("page cache", () => {
  it("renders once per time-to-live and shares concurrent renders", async () => {
    const cache = new PageCache(60_000);
    let renders = 0;
    const render = async () => `page ${++renders}`;
    const [first, second] = await Promise.all([
      cache.getOrRender("/", render),
      cache.getOrRender("/", render),
    ]);
    expect(first.body.toString()).toBe("page 1");
    expect(second.body.toString()).toBe("page 1");
    expect((await cache.getOrRender("/?page=2", render)).body.toString()).toBe("page 2");
  });

  it("does not keep failed renders", async () => {
    const cache = new PageCache(60_000);
    await expect(cache.getOrRender("/", async () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
    expect((await cache.getOrRender("/", async () => "ok")).body.toString()).toBe("ok");
  });

  it("keeps at most maxEntries pages, dropping the oldest", async () => {
    const cache = new PageCache(60_000, 2);
    for (const key of ["a", "b", "c"]) await cache.getOrRender(key, async () => key);
    expect((await cache.getOrRender("a", async () => "a again")).body.toString()).toBe("a again");
    expect((await cache.getOrRender("c", async () => "c again")).body.toString()).toBe("c");
  });

  it("keeps a gzip form of cached pages large enough to gain from it", async () => {
    const cache = new PageCache(60_000);
    const large = await cache.getOrRender("/large", async () => "<p>paper</p>".repeat(500));
    expect(gunzipSync(large.gzipped!).toString()).toBe(large.body.toString());
    expect((await cache.getOrRender("/small", async () => "<p>x</p>")).gzipped).toBeNull();
    expect(
      (await new PageCache(0).getOrRender("/large", async () => "<p>paper</p>".repeat(500))).gzipped,
    ).toBeNull();
  });

  it("sends the gzip form to clients that accept it, and plain HTML to the others", async () => {
    const store = openSqliteStore(":memory:");
    const app = await buildApp({ store, pageCacheTtlMs: 60_000 });
    try {
      await store.upsertPapers(Array.from({ length: 5 }, () => makePaperInput()));
      const plain = await app.inject("/");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      const zipped = await app.inject({ url: "/", headers: { "accept-encoding": "gzip, deflate, br" } });
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(zipped.headers.vary).toContain("accept-encoding");
      expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);
      const refused = await app.inject({ url: "/", headers: { "accept-encoding": "gzip;q=0" } });
      expect(refused.headers["content-encoding"]).toBeUndefined();
    } finally {
      await app.close();
      await store.close();
    }
  });

  it("tags each form of a page and answers a client that holds it with a bodiless 304", async () => {
    const store = openSqliteStore(":memory:");
    const app = await buildApp({ store, pageCacheTtlMs: 60_000 });
    try {
      await store.upsertPapers(Array.from({ length: 5 }, () => makePaperInput()));
      const gzip = { "accept-encoding": "gzip" };
      const plain = await app.inject("/");
      const zipped = await app.inject({ url: "/", headers: gzip });
      const tag = plain.headers.etag as string;
      expect(tag).toMatch(/^"[\w-]{22}"$/);
      expect(zipped.headers.etag).not.toBe(tag);

      const revalidated = await app.inject({ url: "/", headers: { "if-none-match": tag } });
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.rawPayload).toHaveLength(0);
      expect(revalidated.headers.etag).toBe(tag);
      expect(revalidated.headers.vary).toBe("accept-encoding");
      const weak = await app.inject({ url: "/", headers: { "if-none-match": `"other", W/${tag}` } });
      expect(weak.statusCode).toBe(304);
      const zippedAgain = await app.inject({
        url: "/",
        headers: { ...gzip, "if-none-match": zipped.headers.etag as string },
      });
      expect(zippedAgain.statusCode).toBe(304);

      expect((await app.inject({ url: "/", headers: { ...gzip, "if-none-match": tag } })).statusCode).toBe(
        200,
      );
      expect((await app.inject({ url: "/", headers: { "if-none-match": '"stale"' } })).statusCode).toBe(200);
      expect((await app.inject("/?sort=date")).headers.etag).not.toBe(tag);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it("serves the cached home page within its time-to-live, whatever unknown parameters the URL carries", async () => {
    const store = openSqliteStore(":memory:");
    const app = await buildApp({ store, pageCacheTtlMs: 60_000 });
    try {
      await store.upsertPapers([makePaperInput({ title: "First paper" })]);
      expect((await app.inject("/")).body).toContain("First paper");
      await store.upsertPapers([makePaperInput({ title: "Second paper" })]);
      expect((await app.inject("/")).body).not.toContain("Second paper");
      expect((await app.inject("/?utm_source=feed")).body).not.toContain("Second paper");
      expect((await app.inject("/?sort=date")).body).toContain("Second paper");
    } finally {
      await app.close();
      await store.close();
    }
  });
});
