import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLValidator } from "fast-xml-parser";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toPaper } from "../../src/core/merge-paper.js";
import { presentPaperFeed } from "../../src/web/presenters/paper-feed.js";
import { renderAtom, renderRss } from "../../src/web/views/feed-xml.js";
import { makePaperInput } from "../support/paper-factory.js";
import { buildTestApp, HOSTILE_STRINGS, type TestApp } from "./build-app.js";

/** Parses a document as a conforming XML 1.0 parser must, throwing on what it may not hold. */
function parseStrictXml(document: string): void {
  new SaxesParser({ xmlns: true }).write(document).close();
}

/** Characters XML 1.0 forbids, which stored text can still hold (written before the import dropped them). */
const STORABLE_NOT_XML = "\u0001\u0008\u000b\u001f\ufffe\uffff";
/** A lone surrogate, too, which PostgreSQL's JSON columns cannot store but a feed's model may hold. */
const NOT_XML = `${STORABLE_NOT_XML}\ud800`;

const PAPERS = [
  makePaperInput({
    id: "2509.00101",
    title: "Sparse <attention> & locality",
    abstract: "We study sparse attention heads.",
    authors: ["Jürgen Müller", "Ada Lovelace"],
    categories: ["cs.LG", "stat.ML"],
    listingDay: "2025-09-11",
    publishedAt: "2025-09-10T12:00:00.000Z",
    versions: [
      { version: 1, createdAt: "2025-09-10T12:00:00.000Z" },
      { version: 2, createdAt: "2025-09-20T08:00:00.000Z" },
    ],
    upvotes: 7,
  }),
  makePaperInput({
    id: "2509.00102",
    title: "Graph diffusion",
    abstract: "Diffusion on graphs with attention.",
    authors: ["Grace Hopper"],
    categories: ["math.PR"],
    listingDay: "2025-09-11",
    upvotes: 9,
  }),
  makePaperInput({
    id: "2509.00103",
    title: "Older attention",
    abstract: "An older paper about attention.",
    authors: ["Ada Lovelace"],
    categories: ["cs.CL"],
    listingDay: "2025-09-10",
  }),
];

describe("feeds", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(PAPERS);
  });
  afterAll(() => t.close());

  it.each(["rss", "atom"])(
    "publishes the latest day as %s, most upvoted first, every field readable",
    async (format) => {
      const response = await t.app.inject({
        url: `/feeds/daily.${format}`,
        headers: { host: "papers.test" },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe(`application/${format}+xml; charset=utf-8`);
      expect(XMLValidator.validate(response.body)).toBe(true);
      const feed = parseFeed(response.body);
      expect(feed.title).toBe("PaperPulse · daily papers");
      expect(feed.url).toBe("http://papers.test/");
      expect(feed.self).toBe(`http://papers.test/feeds/daily.${format}`);
      expect(feed.items.map((item) => item.id)).toEqual([
        "http://papers.test/papers/2509.00102",
        "http://papers.test/papers/2509.00101",
      ]);
      const sparse = feed.items[1];
      expect(sparse?.title).toBe("Sparse <attention> & locality");
      expect(sparse?.url).toBe("http://papers.test/papers/2509.00101");
      expect(sparse?.description).toBe("We study sparse attention heads.");
      expect(sparse?.content).toContain("https://arxiv.org/pdf/2509.00101");
      expect(sparse?.authors.map((author) => author.name)).toEqual(["Jürgen Müller", "Ada Lovelace"]);
      expect(sparse?.categories.map((category) => category.term)).toEqual(["cs.LG", "stat.ML"]);
      expect(sparse?.published?.toISOString()).toBe("2025-09-10T12:00:00.000Z");
      if (format === "atom") expect(sparse?.updated?.toISOString()).toBe("2025-09-20T08:00:00.000Z");
      expect(feed.updated?.toISOString()).toBe("2025-09-20T08:00:00.000Z");
    },
  );

  it("answers a conditional GET with 304 when the reader's ETag is current, never by date", async () => {
    const first = await t.app.inject("/feeds/daily.atom");
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    // Votes change a feed after its newest paper's date: no date could say when it last changed.
    expect(first.headers["last-modified"]).toBeUndefined();
    const byTag = await t.app.inject({ url: "/feeds/daily.atom", headers: { "if-none-match": etag } });
    expect(byTag.statusCode).toBe(304);
    expect(byTag.body).toBe("");
    const stale = await t.app.inject({ url: "/feeds/daily.atom", headers: { "if-none-match": '"old"' } });
    expect(stale.statusCode).toBe(200);
    const byDate = await t.app.inject({
      url: "/feeds/daily.atom",
      headers: { "if-modified-since": new Date().toUTCString() },
    });
    expect(byDate.statusCode).toBe(200);
    expect(byDate.body).toBe(first.body);
  });

  it.each(["rss", "atom"])("dates an empty %s feed on the day it is built, not 1970", async (format) => {
    const today = new Date().toISOString().slice(0, 10);
    const response = await t.app.inject(`/feeds/category/hep-th.${format}`);
    expect(response.statusCode).toBe(200);
    const feed = parseFeed(response.body);
    expect(feed.items).toEqual([]);
    const again = await t.app.inject({
      url: `/feeds/category/hep-th.${format}`,
      headers: { "if-none-match": String(response.headers.etag) },
    });
    // Read on either side of midnight UTC, the two may be a day apart.
    if (new Date().toISOString().slice(0, 10) !== today) return;
    expect(feed.updated?.toISOString()).toBe(`${today}T00:00:00.000Z`);
    expect(again.statusCode).toBe(304);
  });

  it("publishes a category, an archive and an author, newest first", async () => {
    const category = parseFeed((await t.app.inject("/feeds/category/cs.lg.rss")).body);
    expect(category.title).toBe("PaperPulse · cs.LG");
    expect(category.items.map((item) => item.id?.split("/").at(-1))).toEqual(["2509.00101"]);
    const archive = parseFeed((await t.app.inject("/feeds/category/cs.atom")).body);
    expect(archive.items.map((item) => item.id?.split("/").at(-1))).toEqual(["2509.00101", "2509.00103"]);
    const author = parseFeed(
      (await t.app.inject(`/feeds/author/${encodeURIComponent("Ada Lovelace")}.rss`)).body,
    );
    expect(author.items.map((item) => item.id?.split("/").at(-1))).toEqual(["2509.00101", "2509.00103"]);
    const accentless = parseFeed((await t.app.inject("/feeds/author/muller.atom")).body);
    expect(accentless.items).toHaveLength(1);
  });

  it("publishes any search, with its filters, and the search page links it", async () => {
    const feed = parseFeed((await t.app.inject("/feeds/search.rss?q=attention&category=cs")).body);
    expect(feed.items.map((item) => item.id?.split("/").at(-1))).toEqual(["2509.00101", "2509.00103"]);
    expect(feed.self).toBe("http://localhost:80/feeds/search.rss?q=attention&category=cs&sort=date");
    const page = (await t.app.inject("/search?q=attention&category=cs")).body;
    expect(page).toContain(
      'type="application/rss+xml" title="Search: “attention” in cs (RSS)" href="/feeds/search.rss?q=attention&amp;category=cs"',
    );
    expect(page).toContain('href="/feeds/search.atom?q=attention&amp;category=cs"');
  });

  it("holds every paper of a busy day in the daily feed", async () => {
    const busy = await buildTestApp(
      Array.from({ length: 750 }, (_, i) =>
        makePaperInput({ id: `2509.${String(20000 + i)}`, listingDay: "2025-09-30" }),
      ),
    );
    try {
      const feed = parseFeed((await busy.app.inject("/feeds/daily.rss")).body);
      expect(feed.items).toHaveLength(750);
    } finally {
      await busy.close();
    }
  });

  it("advertises the daily feed on every page", async () => {
    for (const url of ["/", "/search", "/papers/2509.00101"]) {
      const html = (await t.app.inject(url)).body;
      expect(html, url).toContain(
        '<link rel="alternate" type="application/rss+xml" title="PaperPulse daily papers (RSS)" href="/feeds/daily.rss"/>',
      );
    }
  });

  it("answers unknown categories, bad addresses and empty searches with JSON errors", async () => {
    for (const [url, status] of [
      ["/feeds/category/cs.XX.rss", 404],
      ["/feeds/category/cs.LG.json", 400],
      ["/feeds/search.rss", 400],
      ["/feeds/search.rss?q=x&from=never", 400],
      ["/feeds/category/%FF.rss", 400],
      [`/feeds/author/${"a".repeat(400)}.rss`, 414],
    ] as const) {
      const response = await t.app.inject(url);
      expect(response.statusCode, url.slice(0, 60)).toBe(status);
      expect(response.headers["content-type"], url.slice(0, 60)).toMatch(/^application\/json/);
      expect(response.json().error.message, url.slice(0, 60)).toBeTypeOf("string");
    }
    for (const text of HOSTILE_STRINGS) {
      const value = encodeURIComponent(text);
      for (const url of [
        `/feeds/search.atom?q=${value}`,
        `/feeds/author/${value}.rss`,
        `/feeds/category/${value}.atom`,
      ]) {
        const response = await t.app.inject(url);
        expect(response.statusCode, url.slice(0, 60)).toBeLessThan(500);
      }
    }
  });
});

describe("feeds with characters XML forbids", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp([
      makePaperInput({
        id: "2509.00201",
        title: `Bad ${STORABLE_NOT_XML} title`,
        abstract: `An abstract ${STORABLE_NOT_XML} with them.`,
        authors: [`Zoë ${STORABLE_NOT_XML}Quill`],
        categories: ["cs.DL"],
      }),
    ]);
  });
  afterAll(() => t.close());

  it.each([
    "/feeds/category/cs.DL.rss",
    "/feeds/category/cs.DL.atom",
    "/feeds/search.rss?q=bad",
    "/feeds/search.atom?q=bad",
    "/feeds/author/quill.rss",
    "/feeds/author/quill.atom",
    "/feeds/daily.rss",
  ])("leaves them out of %s, which stays well-formed XML", async (url) => {
    const response = await t.app.inject(url);
    expect(response.statusCode).toBe(200);
    expect(() => parseStrictXml(response.body)).not.toThrow();
    const [item] = parseFeed(response.body).items;
    // SQLite reads U+FFFE and U+FFFF back as U+FFFD, which XML allows.
    const readable = (text?: string | null) => text?.replace(/[\s\ufffd]+/g, " ");
    expect(readable(item?.title)).toBe("Bad title");
    expect(readable(item?.description)).toBe("An abstract with them.");
  });

  it("leaves them out of every text and attribute value, a collection's name as a feed title included", () => {
    const paper = toPaper(makePaperInput({ title: `T${NOT_XML}`, categories: [`cs.LG${NOT_XML}`] }));
    const feed = presentPaperFeed(
      [paper],
      {
        title: `Bad \u0001 name \ufffe`,
        description: `The collection “Bad \u0001 name \ufffe”.`,
        pageUrl: `https://papers.test/collections/c${NOT_XML}`,
        feedUrlBase: "https://papers.test/feeds/collection/c",
      },
      "https://papers.test",
    );
    for (const document of [renderRss(feed), renderAtom(feed)]) {
      expect(() => parseStrictXml(document)).not.toThrow();
      const parsed = parseFeed(document);
      expect(parsed.title).toBe("Bad  name");
      expect(parsed.items[0]?.title).toBe("T");
      expect(parsed.items[0]?.categories.map((category) => category.term)).toEqual(["cs.LG"]);
      for (const character of NOT_XML) expect(document).not.toContain(character);
    }
  });
});
