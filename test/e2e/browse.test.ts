import { mkdirSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/ingest/demo.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";
import { buildApp } from "../../src/web/app.js";
import { launchChromium, SCREENSHOTS } from "../support/chromium.js";

describe("browsing the demo in Chromium", () => {
  let store: PaperStore;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    store = openSqliteStore(":memory:");
    await loadDemoIfEmpty(store);
    app = await buildApp({ store });
    baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  it("shows the seed page's day on the home page, most upvoted first", async () => {
    await page.goto(baseUrl);
    await expect(page.locator("h1").textContent()).resolves.toBe("Daily Papers");
    await expect(page.locator("main").textContent()).resolves.toContain("38 papers");
    expect(await page.locator("article.card").count()).toBe(30);
    await expect(page.locator("article.card .card-title").first().textContent()).resolves.toContain(
      "Why Can't Transformers Learn Multiplication?",
    );
    await page.screenshot({ path: `${SCREENSHOTS}/home.png`, fullPage: true });
  });

  it("opens a paper from its card and shows the abstract", async () => {
    const firstTitle = page.locator("article.card .card-title a").first();
    const title = (await firstTitle.textContent()) ?? "";
    await firstTitle.click();
    await page.waitForURL(/\/papers\//);
    await expect(page.locator("h1").textContent()).resolves.toBe(title);
    const abstract = await page.locator(".paper-abstract p").first().textContent();
    expect(abstract?.length).toBeGreaterThan(100);
    await page.screenshot({ path: `${SCREENSHOTS}/paper.png`, fullPage: true });
  });

  it("searches from the header box and highlights matches", async () => {
    await page.getByLabel("Search papers").fill("locality");
    await page.getByLabel("Search papers").press("Enter");
    await page.waitForURL(/\/search\?q=locality/);
    expect(await page.locator("article.card").count()).toBeGreaterThan(0);
    const marked = await page.locator("article.card mark").allTextContents();
    expect(marked.map((text) => text.toLowerCase())).toContain("locality");
    await page.screenshot({ path: `${SCREENSHOTS}/search.png`, fullPage: true });
  });

  it("refines a search with another order and a date filter", async () => {
    await page.goto(`${baseUrl}/search?q=attention`);
    await page.getByLabel("Sort by").selectOption("upvotes");
    await page.locator(".search-refine button[type=submit]").click();
    await page.waitForURL(/sort=upvotes/);
    const votes = (await page.locator("article.card .vote-count").allTextContents()).map(Number);
    expect(votes.length).toBeGreaterThan(1);
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    await page.screenshot({ path: `${SCREENSHOTS}/search-by-upvotes.png`, fullPage: true });

    await page.locator(".search-filters summary").click();
    await page.getByLabel("Listed from", { exact: true }).fill("2025-12-12");
    await page.locator(".search-refine button[type=submit]").click();
    await page.waitForURL(/from=2025-12-12/);
    expect(await page.locator("article.card").count()).toBe(0);
    await expect(page.getByText("No papers match").isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("Sort by").inputValue()).resolves.toBe("upvotes");
  });

  it("shows the ingestion health page with its chart, also on a phone", async () => {
    await store.recordIngestRun({
      id: "e2e-run",
      source: "announcements",
      startedAt: "2025-09-11T01:00:00.000Z",
      finishedAt: "2025-09-11T01:00:04.000Z",
      status: "failed",
      summary: { listed: 0 },
      error: "HTTP 503 from the feed",
    });
    await page.goto(`${baseUrl}/admin/ingest`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Ingestion health");
    expect(await page.locator("svg.bar-chart").isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/ingest-health.png`, fullPage: true });
    const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
    try {
      await phone.goto(`${baseUrl}/admin/ingest`);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await phone.close();
    }
  });

  it("fits a 375 px phone without horizontal scrolling", async () => {
    const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
    try {
      await phone.goto(`${baseUrl}/months/2025-09`);
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.screenshot({ path: `${SCREENSHOTS}/phone-month.png`, fullPage: true });
    } finally {
      await phone.close();
    }
  });
});
