import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, SCREENSHOTS } from "../support/chromium.js";
import { makePaperInput } from "../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "../web/build-app.js";
import { loginLinkIn } from "../web/community/browser-session.js";

const PAPER = "2509.00001";

describe("a member in Chromium deletes their account from the settings page", () => {
  let t: CommunityTestApp;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    t = await buildCommunityTestApp([makePaperInput({ id: PAPER, title: "Paper one", upvotes: 3 })]);
    baseUrl = await t.app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const upvotes = async () => (await t.store.getPaper(PAPER))?.upvotes;

  it("signs in, upvotes and comments", async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill("ada@example.org");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("main").textContent()).resolves.toContain("written to the server log");
    await page.goto(loginLinkIn(t.mailLog.at(-1) ?? "").replace("http://paperpulse.test", baseUrl));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl}/`);

    await page.goto(`${baseUrl}/papers/${PAPER}`);
    await page.locator("button.vote-button").first().click();
    await expect.poll(upvotes).toBe(4);
    await page.getByLabel("Add a comment").fill("A comment that will lose its author.");
    await page.getByRole("button", { name: "Comment", exact: true }).click();
    await page.waitForURL(/#comment-/);
  });

  it("refuses a confirmation that is not the account's email, saying what to type", async () => {
    await page.goto(`${baseUrl}/me`);
    await page.getByLabel("Type your email address").fill("someone@example.org");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page.locator("main").textContent()).resolves.toContain(
      "type its email address (ada@example.org) to confirm; nothing was deleted",
    );
    await page.goto(`${baseUrl}/me`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Your profile");
  });

  it("deletes the account with the typed email: signed out, the upvote taken back, the comment erased", async () => {
    await page.goto(`${baseUrl}/me`);
    await page.getByLabel("Type your email address").fill("ada@example.org");
    await page.screenshot({ path: `${SCREENSHOTS}/account-delete.png`, fullPage: true });
    await page.getByRole("button", { name: "Delete my account" }).click();
    await page.waitForURL(`${baseUrl}/account-deleted`);
    await expect(page.locator("h1").textContent()).resolves.toBe("Your account was deleted");
    await expect(page.locator(".account-nav").textContent()).resolves.toContain("Sign in");
    expect(await upvotes()).toBe(3);

    await page.goto(`${baseUrl}/papers/${PAPER}`);
    const comment = page.locator(".comment").first();
    await expect(comment.textContent()).resolves.toContain("This comment was deleted.");
    await expect(comment.textContent()).resolves.not.toContain("lose its author");
    await page.goto(`${baseUrl}/me`);
    await page.waitForURL(/\/login\?next=/);
  });
});
