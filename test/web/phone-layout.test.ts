import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium.js";
import { makePaperInput } from "../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "./build-app.js";
import { type BrowserSession, csrfTokenIn, signInWithRole } from "./community/browser-session.js";

const PHONE = { width: 375, height: 800 };
const DAY = "2025-09-11";
const UNBROKEN = "A_very_long_unbroken_identifier_Supercalifragilisticexpialidocious_ThatNeverEnds";
const LONG_URL = `https://example.org/${"deeply/nested/".repeat(12)}artifact.tar.gz`;
const LONG_EMAIL = "maximilian.mustermann-schmidt@example.org";

/** How far the page reaches past the viewport's right edge: 0 when nothing makes it scroll sideways. */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** WCAG contrast of an element's text on the first opaque background behind it. */
function contrastOf(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((element) => {
    const channels = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const linear = (value: number) => {
        const c = value / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    let background: number[] = [];
    for (let node: Element | null = element; node; node = node.parentElement) {
      const color = channels(getComputedStyle(node).backgroundColor);
      if (color.length === 3 || (color[3] ?? 0) > 0) {
        background = color;
        break;
      }
    }
    const [lighter, darker] = [
      luminance(channels(getComputedStyle(element).color)),
      luminance(background),
    ].sort((a, b) => b - a);
    return (lighter! + 0.05) / (darker! + 0.05);
  });
}

describe("pages on a phone and in both themes (Chromium)", () => {
  let t: CommunityTestApp;
  let baseUrl: string;
  let browser: Browser;
  let admin: BrowserSession;
  let moderator: BrowserSession;

  beforeAll(async () => {
    t = await buildCommunityTestApp([
      makePaperInput({
        id: "2509.00001",
        title: UNBROKEN,
        abstract: `Code and data: ${LONG_URL} ${"Unbrokenwordwithoutanyspaces".repeat(8)}.`,
        listingDay: DAY,
      }),
      makePaperInput({ id: "2509.00002", title: "A gap follows", listingDay: "2025-09-08" }),
    ]);
    admin = await signInWithRole(t, LONG_EMAIL, "admin");
    moderator = await signInWithRole(t, "mod@example.org", "moderator");
    const csrf = csrfTokenIn((await moderator.get("/admin/audit")).body);
    for (const [hidden, reason] of [
      ["true", "spam"],
      ["false", `not a duplicate of ${LONG_URL}`],
    ] as const) {
      await moderator.post("/admin/papers/hide", { paper: "2509.00002", hidden, reason, _csrf: csrf });
    }
    baseUrl = await t.app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function withPage<T>(
    session: BrowserSession | null,
    colorScheme: "light" | "dark",
    use: (page: Page) => Promise<T>,
  ): Promise<T> {
    const context: BrowserContext = await browser.newContext({ viewport: PHONE, colorScheme });
    try {
      if (session) {
        await context.addCookies(
          [...session.cookies].map(([name, value]) => ({ name, value, url: baseUrl })),
        );
      }
      return await use(await context.newPage());
    } finally {
      await context.close();
    }
  }

  it("wraps an admin's account links within the screen, a long address included", async () => {
    await withPage(admin, "light", async (page) => {
      for (const path of ["/", `/days/${DAY}`]) {
        await page.goto(`${baseUrl}${path}`);
        expect(await sidewaysOverflow(page), path).toBeLessThanOrEqual(0);
        const links = page.locator(".account-nav a");
        expect(await links.allTextContents()).toContain("Sign out");
        for (const box of await links.evaluateAll((anchors) =>
          anchors.map((anchor) => anchor.getBoundingClientRect()),
        )) {
          expect(box.left).toBeGreaterThanOrEqual(0);
          expect(box.right).toBeLessThanOrEqual(PHONE.width);
        }
      }
    });
  });

  it("breaks long words and addresses in titles and abstracts instead of widening the page", async () => {
    await withPage(null, "light", async (page) => {
      for (const path of [
        `/days/${DAY}`,
        "/papers/2509.00001",
        "/search?q=supercalifragilisticexpialidocious",
      ]) {
        await page.goto(`${baseUrl}${path}`);
        expect(await sidewaysOverflow(page), path).toBeLessThanOrEqual(0);
      }
    });
  });

  it("scrolls a wide audit log inside itself, not the page", async () => {
    await withPage(moderator, "light", async (page) => {
      await page.goto(`${baseUrl}/admin/audit`);
      expect(await page.locator(".data-table tbody tr").count()).toBe(2);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    });
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`keeps refusals and alerts readable in the ${colorScheme} theme`, async () => {
      await withPage(moderator, colorScheme, async (page) => {
        await page.goto(`${baseUrl}/admin/audit`);
        await page.locator("input[name=email]").fill("nobody@example.org");
        await page.locator("form[action='/admin/users/suspend'] button").click();
        await page.waitForSelector(".form-error");
        expect(await contrastOf(page, ".form-error")).toBeGreaterThanOrEqual(4.5);

        await page.goto(`${baseUrl}/admin/ingest?from=2025-09-08&until=2025-09-14`);
        expect(await page.locator(".health-stat.alert").count()).toBe(1);
        expect(await contrastOf(page, ".health-stat.alert dt")).toBeGreaterThanOrEqual(4.5);
        expect(await contrastOf(page, ".health-stat.alert dd")).toBeGreaterThanOrEqual(4.5);
      });
    });
  }
});
