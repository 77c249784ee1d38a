import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/ingest/demo.js";
import { embedMissingPapers } from "../../src/search/embed-papers.js";
import { loadBundledEmbedder, loadBundledTitleEmbedder } from "../../src/search/embedding/bundled.js";
import { LiveVectorIndex } from "../../src/search/live-index.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";
import { buildApp } from "../../src/web/app.js";
import { launchChromium } from "../support/chromium.js";

/** The demo as `npm start` serves it: the bundled models, every paper embedded. */
describe("the home page's search box in Chromium, with the bundled models", () => {
  let store: PaperStore;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    store = openSqliteStore(":memory:");
    await loadDemoIfEmpty(store);
    const embedder = loadBundledEmbedder();
    await embedMissingPapers(store, embedder);
    const index = new LiveVectorIndex(store, {
      modelId: embedder.modelId,
      dimensions: embedder.dimensions,
      kind: "exact",
      hnswFrom: 0,
    });
    await index.catchUp();
    app = await buildApp({
      store,
      semantic: { embedder, titleEmbedder: loadBundledTitleEmbedder(), index },
    });
    baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  it("searches in hybrid ranking: word matches and papers found by meaning, which say what they relate to", async () => {
    await page.goto(baseUrl);
    await page.getByLabel("Search papers").fill("inductive bias");
    await page.getByLabel("Search papers").press("Enter");
    await page.waitForURL(/\/search\?q=inductive\+bias$/);
    const cards = page.locator("article.card");
    const shown = await cards.evaluateAll((articles) =>
      articles.map((article) => ({
        href: article.querySelector(".card-title a")?.getAttribute("href") ?? "",
        byMeaning: article.querySelector(".related-terms") !== null,
      })),
    );
    // Papers holding the words, highlighted, and papers found by meaning alone, each with its hint.
    const byMeaning = shown.filter((card) => card.byMeaning);
    expect(byMeaning.length).toBeGreaterThan(0);
    expect(shown[0]?.byMeaning).toBe(false);
    expect(await cards.nth(0).locator("mark").count()).toBeGreaterThan(0);
    await expect(
      cards.nth(shown.indexOf(byMeaning[0]!)).locator(".related-terms").textContent(),
    ).resolves.toMatch(/^related to: /);
    // Lexical search, asked for, lists only papers holding the words: those hybrid showed unhinted.
    await page.goto(`${baseUrl}/search?q=inductive+bias&mode=lexical`);
    const lexical = await page
      .locator("article.card .card-title a")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
    expect(await page.locator("article.card .related-terms").count()).toBe(0);
    for (const card of shown) expect(lexical.includes(card.href), card.href).toBe(!card.byMeaning);
  });
});
