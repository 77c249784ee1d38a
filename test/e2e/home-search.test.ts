import { expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/ingest/demo.js";
import { loadBundledEmbedder, loadBundledTitleEmbedder } from "../../src/search/embedding/bundled.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { buildApp } from "../../src/web/app.js";
import { launchChromium } from "../support/chromium.js";
import { semanticOver } from "../support/semantic.js";

/** The demo as `npm start` serves it: the bundled models, every paper embedded. */
it("searches from the home page's box in hybrid ranking: word matches and papers found by meaning, which say what they relate to", async () => {
  const store = openSqliteStore(":memory:");
  await loadDemoIfEmpty(store);
  const semantic = {
    ...(await semanticOver(store, loadBundledEmbedder())),
    titleEmbedder: loadBundledTitleEmbedder(),
  };
  const app = await buildApp({ store, semantic });
  const browser = await launchChromium();
  try {
    const baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
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
  } finally {
    await browser.close();
    await app.close();
    await store.close();
  }
});
