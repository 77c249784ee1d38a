import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newYorkDay } from "../../src/core/calendar.js";
import { loadDemoIfEmpty } from "../../src/ingest/demo.js";
import { loadBundledEmbedder } from "../../src/search/embedding/bundled.js";
import type { PaperStore } from "../../src/store/store.js";
import { launchChromium, SCREENSHOTS } from "../support/chromium.js";
import { makePaperInput } from "../support/paper-factory.js";
import { semanticOver } from "../support/semantic.js";
import { buildCommunityTestApp, type CommunityTestApp } from "../web/build-app.js";
import { loginLinkIn } from "../web/community/browser-session.js";

const FRESH_ID = "2511.00042";

/** The bundled model over the stored papers, as `npm start` has it: "For you" compares their vectors. */
async function withBundledModel(store: PaperStore) {
  await loadDemoIfEmpty(store);
  return semanticOver(store, loadBundledEmbedder());
}

describe("a new member in Chromium: signs in, upvotes, submits and comments", () => {
  let t: CommunityTestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await buildCommunityTestApp([], { pageCacheTtlMs: 5_000, semantic: withBundledModel });
    await loadDemoIfEmpty(t.store);
    // A paper fresh enough to submit, not yet on any list.
    const yesterday = new Date(Date.now() - 24 * 3_600_000).toISOString();
    await t.store.upsertPapers([
      makePaperInput({
        id: FRESH_ID,
        title: "A freshly posted paper",
        publishedAt: yesterday,
        versions: [{ version: 1, createdAt: yesterday }],
        listingDay: null,
      }),
    ]);
    baseUrl = await t.app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("signs in with the emailed link (no SMTP: the page points to the log)", async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill("ada@example.org");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("main").textContent()).resolves.toContain("written to the server log");
    const link = loginLinkIn(t.mailLog.at(-1) ?? "").replace("http://paperpulse.test", baseUrl);
    await page.goto(link);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl}/`);
    await expect(page.locator(".account-nav").textContent()).resolves.toContain("ada");
  });

  it("upvotes the top paper with one click, without a reload, and the count stays after one", async () => {
    const firstCard = page.locator("article.card").first();
    const before = Number(await firstCard.locator(".vote-count").textContent());
    // A mark on this document: it survives only if the vote does not reload the page.
    await page.evaluate(() => Reflect.set(window, "stayedOnPage", true));
    await firstCard.locator("button.vote-button").click();
    await expect
      .poll(async () => firstCard.locator("button.vote-button").getAttribute("aria-pressed"))
      .toBe("true");
    expect(Number(await firstCard.locator(".vote-count").textContent())).toBe(before + 1);
    expect(await page.evaluate(() => Reflect.get(window, "stayedOnPage"))).toBe(true);
    await page.reload();
    expect(Number(await page.locator("article.card").first().locator(".vote-count").textContent())).toBe(
      before + 1,
    );
    await page.screenshot({ path: `${SCREENSHOTS}/signed-in-home.png`, fullPage: false });
  });

  it("words the button after each click as the server words it: title and spoken count", async () => {
    await page.goto(`${baseUrl}/`);
    // The card the previous test upvoted: one upvote, this member's.
    const button = page.locator("article.card").first().locator("button.vote-button");
    await expect(button.textContent()).resolves.toBe("▲1 upvote");
    await button.click();
    await expect.poll(async () => button.getAttribute("aria-pressed")).toBe("false");
    await expect(button.getAttribute("title")).resolves.toBe("Upvote");
    await expect(button.textContent()).resolves.toBe("▲0 upvotes");
    await button.click();
    await expect.poll(async () => button.getAttribute("aria-pressed")).toBe("true");
    await expect(button.getAttribute("title")).resolves.toBe("Remove your upvote");
    await expect(button.textContent()).resolves.toBe("▲1 upvote");
  });

  it("submits a paper by its arXiv URL after a preview", async () => {
    await page.getByRole("link", { name: "Submit" }).click();
    await page.getByLabel("arXiv id or URL").fill(`https://arxiv.org/abs/${FRESH_ID}v1`);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.locator("main").textContent()).resolves.toContain("A freshly posted paper");
    await page.getByRole("button", { name: "Submit this paper" }).click();
    const today = newYorkDay(new Date());
    await expect(page.locator(".notice").textContent()).resolves.toContain(`is on the list of ${today}`);
    await page.goto(`${baseUrl}/days/${today}`);
    await expect(page.locator("article.card .card-title").allTextContents()).resolves.toContain(
      "A freshly posted paper",
    );
  });

  it("comments with math, and the comment shows rendered", async () => {
    await page.goto(`${baseUrl}/papers/${FRESH_ID}`);
    await page.getByLabel("Add a comment").fill("Neat bound: $O(n \\log n)$, **well done**.");
    await page.getByRole("button", { name: "Comment", exact: true }).click();
    await page.waitForURL(/#comment-/);
    await expect(page.locator("#comments h2").textContent()).resolves.toBe("Comments (1)");
    expect(await page.locator(".comment .katex").count()).toBe(1);
    await expect(page.locator(".comment strong").last().textContent()).resolves.toBe("well done");
    await page.screenshot({ path: `${SCREENSHOTS}/paper-comments.png`, fullPage: true });
  });

  it("replies through the form its label names, and the page keeps one element per id", async () => {
    await page.goto(`${baseUrl}/papers/${FRESH_ID}`);
    await page.locator(".comment-reply summary").first().click();
    await page.getByLabel("Your reply").fill("Agreed.");
    await page.getByRole("button", { name: "Reply", exact: true }).click();
    await page.waitForURL(/#comment-/);
    await expect(page.locator("#comments h2").textContent()).resolves.toBe("Comments (2)");
    const ids = await page.locator("[id]").evaluateAll((elements) => elements.map((element) => element.id));
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it("finds papers like one it upvoted under For you, reached from the header", async () => {
    await page.goto(`${baseUrl}/papers/2103.10697`);
    const vote = page.locator("main button.vote-button").first();
    if ((await vote.getAttribute("aria-pressed")) !== "true") {
      await vote.click();
      await expect.poll(async () => vote.getAttribute("aria-pressed")).toBe("true");
    }
    await page.locator(".account-nav").getByRole("link", { name: "For you" }).click();
    await page.waitForURL(`${baseUrl}/for-you`);
    await page.getByRole("link", { name: "All papers" }).click();
    await page.waitForURL(`${baseUrl}/for-you?period=all`);
    const cards = page.locator("article.card");
    expect(await cards.count()).toBeGreaterThan(0);
    // The taste also holds the paper an earlier test upvoted: some card, not necessarily the first, is like ConViT.
    const likes = await cards.locator(".related-terms").allTextContents();
    expect(likes.some((like) => like.includes("Like ConViT: Improving Vision Transformers"))).toBe(true);
    const titles = await cards.locator(".card-title").allTextContents();
    expect(titles.some((title) => title.startsWith("ConViT"))).toBe(false);
    await page.screenshot({ path: `${SCREENSHOTS}/for-you.png`, fullPage: false });
  });

  it("takes a password of 150 emoji in the form, as the server does (the field counts UTF-16 units)", async () => {
    await page.goto(`${baseUrl}/me`);
    const field = page.locator("#new-password");
    await field.focus();
    await page.keyboard.insertText("🔑".repeat(150));
    expect([...(await field.inputValue())]).toHaveLength(150);
  });

  it("renames a collection, then deletes it from behind the disclosure that says what goes", async () => {
    await page.goto(`${baseUrl}/collections`);
    await page.getByLabel("New collection").fill("Readng list");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await page.waitForURL(/\/collections\/[^/?]+$/);
    const address = page.url();
    await page.locator("summary", { hasText: "Rename" }).click();
    await page.getByLabel("New name").fill("Reading list");
    await page.getByRole("button", { name: "Save name" }).click();
    await page.waitForURL(address);
    await expect(page.locator("h1").textContent()).resolves.toBe("Reading list");

    const deleteButton = page.getByRole("button", { name: "Delete “Reading list” for good" });
    expect(await deleteButton.isVisible()).toBe(false);
    await page.locator("summary", { hasText: "Delete this collection" }).click();
    await page.locator("summary", { hasText: "Rename" }).click();
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOTS}/collection-owner-controls-375.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await deleteButton.click();
    await page.waitForURL(`${baseUrl}/collections`);
    await expect(page.locator("main").textContent()).resolves.not.toContain("Reading list");
    expect((await page.goto(address))?.status()).toBe(404);
  });

  it.each([1280, 1000, 375])(
    "keeps the signed-in header and the account forms within a %i px wide window",
    async (width) => {
      await page.setViewportSize({ width, height: 900 });
      for (const path of ["/", "/collections", "/me"]) {
        await page.goto(`${baseUrl}${path}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, path).toBeLessThanOrEqual(0);
      }
      // Fields are styled alike: a field as tall as a finger, the button beside or below it.
      const field = await page.locator("form[action='/me/tokens'] input[name='name']").boundingBox();
      expect(field?.height).toBeGreaterThanOrEqual(40);
      await page.screenshot({ path: `${SCREENSHOTS}/signed-in-profile-${width}.png`, fullPage: false });
      await page.setViewportSize({ width: 1280, height: 900 });
    },
  );
});
