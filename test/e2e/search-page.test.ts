import { mkdirSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";
import { buildApp } from "../../src/web/app.js";
import { launchChromium, SCREENSHOTS } from "../support/chromium.js";
import { makePaperInput } from "../support/paper-factory.js";

/** Two and a half years of monthly diffusion papers, none upvoted: a long trend with an empty chart. */
function diffusionPapers() {
  return Array.from({ length: 30 }, (_, index) => {
    const year = 2023 + Math.floor(index / 12);
    const month = String(1 + (index % 12)).padStart(2, "0");
    return makePaperInput({
      id: `${String(year).slice(2)}${month}.${String(index + 1).padStart(5, "0")}`,
      title: `Diffusion models, part ${index + 1}`,
      listingDay: `${year}-${month}-10`,
      upvotes: 0,
    });
  });
}

describe("the search page in Chromium, on a phone", () => {
  let store: PaperStore;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    store = openSqliteStore(":memory:");
    await store.upsertPapers([
      ...diffusionPapers(),
      makePaperInput({ id: "2509.00101", title: "Borrow checking for C++", abstract: "Safer pointers." }),
      makePaperInput({ id: "2509.00102", title: "Vitamin C in plants", abstract: "Figure C shows it." }),
    ]);
    app = await buildApp({ store, pageCacheTtlMs: 0 });
    baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 375, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  it("shows the trend's labels whole and readable at 375 px, within their chart and the screen", async () => {
    await page.goto(`${baseUrl}/search?q=diffusion`);
    const charts = page.locator(".topic-trend .bar-chart-frame");
    expect(await charts.count()).toBe(2);
    for (const chart of await charts.all()) {
      const frame = (await chart.boundingBox())!;
      const labels = chart.locator(".chart-label span, .chart-scale");
      expect(await labels.count()).toBe(3);
      for (const label of await labels.all()) {
        const box = (await label.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(frame.x);
        expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
        expect(box.x + box.width).toBeLessThanOrEqual(375);
        // Drawn at the page's small-print size, not shrunk with the drawing.
        expect(box.height).toBeGreaterThanOrEqual(12);
        const cut = await label.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
        expect(cut).toBe(false);
      }
    }
    await expect(charts.nth(0).locator(".chart-ticks").textContent()).resolves.toBe("Jan 2023Jun 2025");
    await expect(charts.nth(1).locator(".chart-scale").textContent()).resolves.toBe("no upvotes");
    await page.locator(".topic-trend").screenshot({ path: `${SCREENSHOTS}/search-trend-phone.png` });
  });

  it("searches C++ typed in the header box as written", async () => {
    await page.goto(baseUrl);
    await page.getByLabel("Search papers").fill("C++");
    await page.getByLabel("Search papers").press("Enter");
    await page.waitForURL(/\/search\?q=C%2B%2B/);
    await expect(page.locator("article.card .card-title").allTextContents()).resolves.toEqual([
      "Borrow checking for C++",
    ]);
  });
});
