import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embedMissingPapers } from "../../src/search/embed-papers.js";
import { LiveVectorIndex } from "../../src/search/live-index.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";
import { buildApp } from "../../src/web/app.js";
import { HashedEmbedder } from "../support/hashed-embedder.js";
import { makePaperInput } from "../support/paper-factory.js";
import { buildTestApp } from "./build-app.js";

/** The test model reads "transformer" as "attention", so the second paper matches "attention" by meaning only. */
const embedder = new HashedEmbedder({ synonyms: { transformer: "attention" } });

const PAPERS = [
  makePaperInput({
    id: "2509.00001",
    title: "Sparse attention",
    abstract: "Attention over long inputs.",
    upvotes: 1,
  }),
  makePaperInput({
    id: "2509.00002",
    title: "Transformer models",
    abstract: "A transformer for long inputs.",
    upvotes: 7,
  }),
  makePaperInput({
    id: "hep-th/9901001",
    title: "String dualities",
    abstract: "Dualities of strings.",
    listingDay: "1999-01-04",
  }),
];

describe("search by meaning on the web", () => {
  let store: PaperStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = openSqliteStore(":memory:");
    await store.upsertPapers(PAPERS);
    await embedMissingPapers(store, embedder);
    const index = new LiveVectorIndex(store, {
      modelId: embedder.modelId,
      dimensions: 256,
      kind: "exact",
      hnswFrom: 0,
    });
    await index.catchUp();
    app = await buildApp({ store, pageCacheTtlMs: 0, semantic: { embedder, index } });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  async function getJson(url: string) {
    const response = await app.inject({ method: "GET", url });
    return { status: response.statusCode, body: response.json() };
  }

  it("/api/search is hybrid by default and explains hits found by meaning", async () => {
    const { status, body } = await getJson("/api/search?q=attention");
    expect(status).toBe(200);
    expect(body.mode).toBe("hybrid");
    const ids = body.hits.map((hit: { paper: { id: string } }) => hit.paper.id);
    expect(ids.slice(0, 2)).toEqual(["2509.00001", "2509.00002"]);
    expect(body.hits[1]).toMatchObject({ foundBy: "meaning", relatedTerms: ["transformer"] });
    expect(body.hits[0].foundBy).not.toBe("meaning");
  });

  it("lists papers by filters alone, in the category feed and in a search without words", async () => {
    const feed = await app.inject("/feeds/category/cs.lg.rss");
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain("Sparse attention");
    const { body } = await getJson("/api/search?category=cs.LG");
    expect(body.hits.map((hit: { paper: { id: string } }) => hit.paper.id).sort()).toEqual([
      "2509.00001",
      "2509.00002",
      "hep-th/9901001",
    ]);
  });

  it("/api/search?mode= picks lexical or semantic ranking, and refuses an unknown mode", async () => {
    const lexical = await getJson("/api/search?q=attention&mode=lexical");
    expect(lexical.body.mode).toBe("lexical");
    expect(lexical.body.hits.map((hit: { paper: { id: string } }) => hit.paper.id)).toEqual(["2509.00001"]);
    const semantic = await getJson("/api/search?q=transformer&mode=semantic");
    expect(semantic.body.mode).toBe("semantic");
    expect(semantic.body.hits[0].foundBy).toBe("meaning");
    const bad = await getJson("/api/search?q=attention&mode=fuzzy");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBeDefined();
  });

  it("/api/papers/:id/similar lists neighbours, sortable, for both id styles; 404 and 400 otherwise", async () => {
    const { status, body } = await getJson("/api/papers/2509.00001/similar?limit=1");
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: "2509.00001", sort: "relevance" });
    expect(body.papers.map((p: { paper: { id: string } }) => p.paper.id)).toEqual(["2509.00002"]);
    expect(body.papers[0].similarity).toBeGreaterThan(0);
    const byUpvotes = await getJson("/api/papers/2509.00001/similar?sort=upvotes");
    const upvotes = byUpvotes.body.papers.map((p: { paper: { upvotes: number } }) => p.paper.upvotes);
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
    expect((await getJson("/api/papers/hep-th/9901001/similar")).status).toBe(200);
    expect((await getJson("/api/papers/2509.09999/similar")).status).toBe(404);
    expect((await getJson("/api/papers/not-an-id/similar")).status).toBe(400);
    expect((await getJson("/api/papers/2509.00001/similar?sort=random")).status).toBe(400);
    expect((await getJson("/api/papers/2509.00001")).body.id).toBe("2509.00001");
  });

  it("the search feed finds what the page it is linked from finds, in its mode", async () => {
    const titles = async (url: string) =>
      [...(await app.inject(url)).body.matchAll(/<title>([^<]*)<\/title>/g)]
        .map((match) => match[1])
        .join(" | ");
    // Newest first, the feed's order: word matches in hybrid mode, neighbours by meaning in semantic mode.
    expect(await titles("/feeds/search.rss?q=attention")).not.toContain("Transformer models");
    const semanticPage = (await app.inject("/search?q=attention&mode=semantic")).body;
    expect(semanticPage).toContain('href="/feeds/search.rss?q=attention&amp;mode=semantic"');
    expect(await titles("/feeds/search.rss?q=attention&mode=semantic")).toContain("Transformer models");
    expect((await app.inject("/feeds/search.rss?q=attention&mode=fuzzy")).statusCode).toBe(400);
  });

  it("the search page shows a 'related to' hint on hits found by meaning", async () => {
    const response = await app.inject({ method: "GET", url: "/search?q=attention" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Transformer models");
    expect(response.body).toContain("related to: transformer");
    const lexical = await app.inject({ method: "GET", url: "/search?q=attention&mode=lexical" });
    expect(lexical.body).not.toContain("Transformer models");
  });

  it.each(["", "&mode=semantic", "&sort=date", "&mode=semantic&sort=upvotes"])(
    "says a page past the end of a search by meaning is past the end (%s)",
    async (options) => {
      const html = (await app.inject({ method: "GET", url: `/search?q=attention${options}&page=3` })).body;
      expect(html).toContain("No papers on this page: it is past the last one (1 page of results).");
      expect(html).not.toContain("No papers match");
    },
  );

  it("the paper page lists similar papers with links to reorder them", async () => {
    const response = await app.inject({ method: "GET", url: "/papers/2509.00001" });
    expect(response.statusCode).toBe(200);
    const similar = response.body.slice(response.body.indexOf('id="similar"'));
    expect(similar).toContain("Transformer models");
    expect(similar).toContain('href="/papers/2509.00001?similar=upvotes#similar"');
    expect((await app.inject({ method: "GET", url: "/papers/2509.00001?similar=date" })).statusCode).toBe(
      200,
    );
    expect((await app.inject({ method: "GET", url: "/papers/2509.00001?similar=nonsense" })).statusCode).toBe(
      400,
    );
  });
});

describe("search without a model", () => {
  it("answers lexically and says so; the paper page says similar papers come later", async () => {
    const { app, close } = await buildTestApp(PAPERS);
    try {
      const response = await app.inject({ method: "GET", url: "/api/search?q=attention" });
      expect(response.json().mode).toBe("lexical");
      const page = await app.inject({ method: "GET", url: "/papers/2509.00001" });
      expect(page.body).toContain("Similar papers appear here once the papers have been embedded.");
    } finally {
      await close();
    }
  });
});
