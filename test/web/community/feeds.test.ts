import { parseFeed } from "@rowanmanning/feed-parser";
import { XMLValidator } from "fast-xml-parser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makePaperInput } from "../../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "../build-app.js";
import { type BrowserSession, csrfTokenIn, signIn } from "./browser-session.js";

/** Feeds that read the community's data: trending (votes) and public collections. */
describe("trending and collection feeds", () => {
  let t: CommunityTestApp;
  let clock: Date;
  beforeEach(async () => {
    clock = new Date("2025-09-12T10:00:00.000Z");
    t = await buildCommunityTestApp(
      [
        makePaperInput({
          id: "2509.00001",
          title: "Older favourite",
          abstract: "Favourite <b>abstract</b>.",
          authors: ["Ada Lovelace", "Émile Borel"],
          categories: ["cs.LG"],
          publishedAt: "2025-09-09T00:00:00.000Z",
          upvotes: 50,
        }),
        makePaperInput({
          id: "2509.00002",
          title: "Newer contender",
          publishedAt: "2025-09-10T00:00:00.000Z",
        }),
        makePaperInput({ id: "hep-th/9901001", title: "Old style", listingDay: "1999-01-04" }),
      ],
      { community: { now: () => clock, limits: { votesPerMinute: 0 } } },
    );
  });
  afterEach(() => t.close());

  async function vote(browser: BrowserSession, id: string) {
    const csrf = csrfTokenIn((await browser.get("/me")).body);
    const response = await browser.api("POST", `/api/papers/${id}/vote`, { "x-csrf-token": csrf });
    expect(response.statusCode).toBe(200);
  }

  async function createCollection(browser: BrowserSession, name: string, isPublic: boolean): Promise<string> {
    const form: Record<string, string> = {
      name,
      _csrf: csrfTokenIn((await browser.get("/collections")).body),
    };
    if (isPublic) form.public = "true";
    const created = await browser.post("/collections", form);
    return String(created.headers.location).replace("/collections/", "");
  }

  async function save(browser: BrowserSession, collectionId: string, paper: string) {
    const csrf = csrfTokenIn((await browser.get("/collections")).body);
    const response = await browser.post(`/collections/${collectionId}/items`, {
      paper,
      action: "add",
      _csrf: csrf,
    });
    expect(response.statusCode).toBe(303);
  }

  it.each(["rss", "atom"])("publishes trending as %s, ranked by decayed recent votes", async (format) => {
    const [a, b, c] = await Promise.all(["a", "b", "c"].map((name) => signIn(t, `${name}@example.org`)));
    clock = new Date("2025-09-10T10:00:00.000Z");
    await vote(a!, "2509.00001");
    await vote(b!, "2509.00001");
    clock = new Date("2025-09-12T10:00:00.000Z");
    await vote(c!, "hep-th/9901001");

    const response = await t.app.inject({
      url: `/feeds/trending.${format}`,
      headers: { host: "papers.test" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe(`application/${format}+xml; charset=utf-8`);
    expect(XMLValidator.validate(response.body)).toBe(true);
    const feed = parseFeed(response.body);
    expect(feed.title).toBe("PaperPulse · trending");
    expect(feed.url).toBe("http://papers.test/trending");
    expect(feed.self).toBe(`http://papers.test/feeds/trending.${format}`);
    expect(feed.items.map((item) => item.id)).toEqual([
      "http://papers.test/papers/hep-th/9901001",
      "http://papers.test/papers/2509.00001",
    ]);
    const favourite = feed.items[1];
    expect(favourite?.title).toBe("Older favourite");
    expect(favourite?.description).toBe("Favourite <b>abstract</b>.");
    expect(favourite?.authors.map((author) => author.name)).toEqual(["Ada Lovelace", "Émile Borel"]);
    expect(favourite?.categories.map((category) => category.term)).toEqual(["cs.LG"]);
    expect(favourite?.published?.toISOString()).toBe("2025-09-09T00:00:00.000Z");

    const etag = String(response.headers.etag);
    const again = await t.app.inject({
      url: `/feeds/trending.${format}`,
      headers: { host: "papers.test", "if-none-match": etag },
    });
    expect(again.statusCode).toBe(304);
  });

  it.each(["trending.atom", "trending.rss", "daily.atom", "daily.rss"])(
    "sends %s again after a vote, to a reader who asks by date or by its old ETag",
    async (file) => {
      await vote(await signIn(t, "ada@example.org"), "2509.00001");
      const first = await t.app.inject(`/feeds/${file}`);
      expect(first.statusCode).toBe(200);
      expect(first.headers["last-modified"]).toBeUndefined();
      const fetchedAt = new Date().toUTCString();

      await vote(await signIn(t, "grace@example.org"), "2509.00002");
      const byDate = await t.app.inject({
        url: `/feeds/${file}`,
        headers: { "if-modified-since": fetchedAt },
      });
      expect(byDate.statusCode).toBe(200);
      expect(byDate.body).not.toBe(first.body);
      const byOldTag = await t.app.inject({
        url: `/feeds/${file}`,
        headers: { "if-none-match": String(first.headers.etag) },
      });
      expect(byOldTag.statusCode).toBe(200);
      const byNewTag = await t.app.inject({
        url: `/feeds/${file}`,
        headers: { "if-none-match": String(byDate.headers.etag), "if-modified-since": fetchedAt },
      });
      expect(byNewTag.statusCode).toBe(304);
    },
  );

  it("advertises the trending feed on the trending page", async () => {
    const html = (await t.app.inject("/trending")).body;
    expect(html).toContain(
      '<link rel="alternate" type="application/rss+xml" title="PaperPulse trending papers (RSS)" href="/feeds/trending.rss"/>',
    );
    expect(html).toContain('type="application/atom+xml" title="PaperPulse trending papers (Atom)"');
  });

  it.each(["rss", "atom"])("publishes a public collection as %s, newest additions first", async (format) => {
    const ada = await signIn(t, "ada@example.org");
    const id = await createCollection(ada, "Ada's <picks>", true);
    await save(ada, id, "2509.00001");
    clock = new Date("2025-09-12T11:00:00.000Z");
    await save(ada, id, "hep-th/9901001");

    const response = await t.app.inject({
      url: `/feeds/collection/${id}.${format}`,
      headers: { host: "papers.test" },
    });
    expect(response.statusCode).toBe(200);
    expect(XMLValidator.validate(response.body)).toBe(true);
    const feed = parseFeed(response.body);
    expect(feed.title).toBe("PaperPulse · Ada's <picks>");
    expect(feed.url).toBe(`http://papers.test/collections/${id}`);
    expect(feed.self).toBe(`http://papers.test/feeds/collection/${id}.${format}`);
    expect(feed.items.map((item) => item.title)).toEqual(["Old style", "Older favourite"]);
    expect(feed.items[1]?.url).toBe("http://papers.test/papers/2509.00001");

    const page = (await t.app.inject(`/collections/${id}`)).body;
    expect(page).toContain(
      `<link rel="alternate" type="application/rss+xml" title="Collection: Ada's &lt;picks> (RSS)" href="/feeds/collection/${id}.rss"/>`,
    );
  });

  it("keeps private collections out of feeds and their pages' heads", async () => {
    const ada = await signIn(t, "ada@example.org");
    const id = await createCollection(ada, "Secret", false);
    await save(ada, id, "2509.00001");
    const response = await t.app.inject(`/feeds/collection/${id}.rss`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await ada.get(`/collections/${id}`)).body).not.toContain("/feeds/collection/");
    expect((await t.app.inject("/feeds/collection/no-such-id.atom")).statusCode).toBe(404);
    expect((await t.app.inject(`/feeds/collection/${id}.json`)).statusCode).toBe(400);
  });
});
