import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/ingest/demo.js";
import { logMailer } from "../../src/mail/mailer.js";
import { loadBundledEmbedder } from "../../src/search/embedding/bundled.js";
import type { CommunityStores } from "../../src/store/community-stores.js";
import { openSqliteStores } from "../../src/store/sqlite/open-stores.js";
import type { PaperStore } from "../../src/store/store.js";
import { buildApp } from "../../src/web/app.js";
import { launchChromium, SCREENSHOTS } from "../support/chromium.js";
import { makePaperInput } from "../support/paper-factory.js";
import { semanticOver } from "../support/semantic.js";

/** axe-core's browser build, evaluated in each page (DevTools evaluation is not bound by the page's CSP). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 375, height: 800 },
} as const;

const COLLECTION_ID = "5b8f9c1e-3a2d-4e6f-8a7b-9c0d1e2f3a4b";

/** Every page type a visitor meets; the profile needs a signed-in browser and is checked apart. */
const PAGES: Record<string, string> = {
  home: "/",
  day: "/days/2025-09-11",
  week: "/weeks/2025-W37",
  month: "/months/2025-09",
  paper: "/papers/2509.00401",
  search: "/search?q=diffusion",
  author: `/authors/${encodeURIComponent("Émilie du Châtelet")}`,
  category: "/categories/cs.LG",
  trending: "/trending",
  collection: `/collections/${COLLECTION_ID}`,
  login: "/login",
  docs: "/docs",
  "not-found": "/papers/2509.99999",
};

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } })
      .axe;
    return (await axe.run(document)).violations;
  });
  return (violations as AxeViolation[])
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    );
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe("every page type in Chromium: layout, accessibility, keyboard, theme and weight", () => {
  let papers: PaperStore;
  let community: CommunityStores;
  let app: FastifyInstance;
  let browser: Browser;
  let baseUrl: string;
  const mailLog: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ({ papers, community } = openSqliteStores(":memory:"));
    await loadDemoIfEmpty(papers);
    await papers.upsertPapers([
      makePaperInput({
        id: "2509.00401",
        title: "Convergence of $\\mathcal{O}(\\sqrt{n})$ diffusion samplers",
        abstract:
          "We show that diffusion samplers converge at rate $O(1/\\sqrt{T})$ under mild assumptions, with $$\\mathbb{E}\\|x_T - x^*\\|^2 \\le C/T.$$ Code: https://github.com/example/samplers.",
        authors: ["Émilie du Châtelet", "Ada Lovelace", "Alan Turing", "Grace Hopper"],
        categories: ["cs.LG", "stat.ML"],
        comments: "14 pages",
        listingDay: "2025-09-11",
        upvotes: 12,
      }),
      makePaperInput({
        id: "2509.00402",
        title: "Diffusion for sorting",
        authors: ["Emilie du Chatelet"],
        categories: ["cs.DS"],
        listingDay: "2025-09-10",
      }),
    ]);
    const at = "2025-09-12T10:00:00.000Z";
    await community.accounts.ensureUser({
      id: "curator",
      email: "curator@example.org",
      role: "user",
      createdAt: at,
    });
    await community.collections.createCollection({
      id: COLLECTION_ID,
      userId: "curator",
      name: "Diffusion reading list",
      public: true,
      createdAt: at,
    });
    await community.collections.addItem(COLLECTION_ID, "2509.00401", at);
    await community.collections.addItem(COLLECTION_ID, "2509.09672", at);
    app = await buildApp({
      store: papers,
      pageCacheTtlMs: 0,
      // The bundled model, as `npm start` has it: "for you" compares the papers' vectors.
      semantic: await semanticOver(papers, loadBundledEmbedder()),
      community: {
        stores: community,
        mailer: logMailer({ info: (_fields, message) => mailLog.push(message) }),
        publicUrl: "http://127.0.0.1",
      },
    });
    baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await papers?.close();
  });

  async function withPage<T>(
    viewport: keyof typeof VIEWPORTS,
    use: (page: Page, context: BrowserContext) => Promise<T>,
    colorScheme: "light" | "dark" = "light",
  ): Promise<T> {
    const context = await browser.newContext({ viewport: VIEWPORTS[viewport], colorScheme });
    try {
      return await use(await context.newPage(), context);
    } finally {
      await context.close();
    }
  }

  for (const viewport of Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]) {
    it(`renders each page type on ${viewport} with no serious or critical axe violations`, async () => {
      await withPage(viewport, async (page) => {
        // A refused style or script (the CSP) would leave math or the toggle broken without failing a request.
        const refusals: string[] = [];
        page.on("console", (message) => {
          if (message.type() === "error") refusals.push(message.text());
        });
        for (const [name, path] of Object.entries(PAGES)) {
          const response = await page.goto(`${baseUrl}${path}`);
          expect(response?.status(), path).toBe(name === "not-found" ? 404 : 200);
          await page.screenshot({ path: `${SCREENSHOTS}/${name}-${viewport}.png`, fullPage: true });
          expect(await seriousViolations(page), `${name} on ${viewport}`).toEqual([]);
          if (viewport === "phone")
            expect(await horizontalOverflow(page), `${name} overflows`).toBeLessThanOrEqual(0);
        }
      });
    }, 120_000);
  }

  it("keeps pages accessible in dark mode, following the system setting", async () => {
    await withPage(
      "desktop",
      async (page) => {
        for (const name of ["home", "paper", "search"]) {
          await page.goto(`${baseUrl}${PAGES[name]}`);
          const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          expect(background).toBe("rgb(11, 17, 32)");
          await page.screenshot({ path: `${SCREENSHOTS}/${name}-dark.png`, fullPage: true });
          expect(await seriousViolations(page), `${name} in dark mode`).toEqual([]);
        }
      },
      "dark",
    );
  }, 60_000);

  it("toggles the theme and keeps the choice from the first paint of the next page", async () => {
    await withPage("desktop", async (page) => {
      await page.goto(baseUrl);
      const toggle = page.getByRole("button", { name: "Dark mode" });
      await expect(toggle.getAttribute("aria-pressed")).resolves.toBe("false");
      await toggle.click();
      await expect(toggle.getAttribute("aria-pressed")).resolves.toBe("true");
      // The theme is on the root before any of the body is parsed: no flash of the light theme.
      await page.goto(`${baseUrl}${PAGES.paper}`, { waitUntil: "commit" });
      await page.waitForSelector("body");
      const themeAtFirstBody = await page.evaluate(() => document.documentElement.dataset.theme);
      expect(themeAtFirstBody).toBe("dark");
      await page.waitForLoadState("load");
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
        "rgb(11, 17, 32)",
      );
      await page.getByRole("button", { name: "Dark mode" }).click();
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
        "rgb(248, 250, 252)",
      );
    });
  });

  it("moves through cards with j and k, opens with o, and focuses the search with /", async () => {
    await withPage("desktop", async (page) => {
      await page.goto(baseUrl);
      const titles = await page.locator("main .card .card-title a").allTextContents();
      await page.keyboard.press("j");
      await page.keyboard.press("j");
      await page.keyboard.press("k");
      await page.keyboard.press("j");
      expect(await page.locator(".card.is-current").count()).toBe(1);
      expect(titles.length).toBeGreaterThan(3);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(titles[1]);
      await page.keyboard.press("/");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("site-search");
      await page.keyboard.type("j");
      await expect(page.locator("#site-search").inputValue()).resolves.toBe("j");
      await page.locator("main h1").click();
      await page.keyboard.press("j");
      await page.keyboard.press("o");
      await page.waitForURL(/\/papers\//);
      await expect(page.locator("h1").textContent()).resolves.toBe(titles[2]);
    });
  });

  it("upvotes the current card with u once signed in", async () => {
    await withPage("desktop", async (page) => {
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel("Email").fill("reader@example.org");
      await page.getByRole("button", { name: "Sign in" }).click();
      const link = /http:\/\/127\.0\.0\.1\S*\/login\/verify\?\S+/.exec(mailLog.at(-1) ?? "")?.[0] ?? "";
      await page.goto(link.replace("http://127.0.0.1", baseUrl));
      await page.locator("form[action='/login/verify'] button").click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      await page.goto(`${baseUrl}/days/2025-09-11`);
      const before = Number(await page.locator(".card .vote-count").first().textContent());
      await page.keyboard.press("j");
      await page.keyboard.press("u");
      await expect
        .poll(async () => Number(await page.locator(".card .vote-count").first().textContent()))
        .toBe(before + 1);
      await page.goto(`${baseUrl}/me`);
      await page.screenshot({ path: `${SCREENSHOTS}/profile-desktop.png`, fullPage: true });
      expect(await seriousViolations(page), "profile").toEqual([]);
      // A demo paper with neighbours in meaning, so the page has cards to check.
      await page.goto(`${baseUrl}/papers/2103.10697`);
      const vote = page.locator("main button.vote-button").first();
      await vote.click();
      await expect.poll(async () => vote.getAttribute("aria-pressed")).toBe("true");
      await page.goto(`${baseUrl}/for-you?period=all`);
      expect(await page.locator("article.card").count()).toBeGreaterThan(0);
      expect(await seriousViolations(page), "for you").toEqual([]);
    });
  }, 60_000);

  it("keeps the home page under 100 KB transferred, before fonts", async () => {
    await withPage("desktop", async (page) => {
      const sizes: Promise<{ url: string; bytes: number; type: string }>[] = [];
      page.on("requestfinished", (request) => {
        sizes.push(
          request.sizes().then((size) => ({
            url: request.url(),
            bytes: size.responseBodySize + size.responseHeadersSize,
            type: request.resourceType(),
          })),
        );
      });
      await page.goto(baseUrl, { waitUntil: "networkidle" });
      const resources = await Promise.all(sizes);
      const counted = resources.filter((resource) => resource.type !== "font");
      const total = counted.reduce((sum, resource) => sum + resource.bytes, 0);
      expect(counted.map((resource) => new URL(resource.url).pathname)).toContain("/");
      expect(
        total,
        counted.map((resource) => `${resource.url} ${resource.bytes}`).join("\n"),
      ).toBeLessThanOrEqual(100 * 1024);
    });
  });
});
