import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoIfEmpty } from "../../src/ingest/demo.js";
import { launchChromium, SCREENSHOTS } from "../support/chromium.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";
import {
  buildDigestTestApp,
  type DigestTestApp,
  linkIn,
  mailerTo,
  PUBLIC_URL,
} from "../web/digest/digest-app.js";
import { signerOf } from "../web/digest/signer.js";

describe("a visitor in Chromium subscribes to the digest from the home page", () => {
  let smtp: SmtpSink;
  let t: DigestTestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    smtp = await startSmtpSink();
    t = await buildDigestTestApp(mailerTo(smtp.port), [], { pageCacheTtlMs: 5_000 });
    await loadDemoIfEmpty(t.stores.papers);
    baseUrl = await t.app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  it("enters an address, confirms from the mail, and is subscribed", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/`);
    const form = page.locator("main form.subscribe-form");
    await form.getByLabel("Get trending papers in your email inbox!").fill("browser@example.org");
    await form.getByRole("button", { name: "Subscribe" }).click();
    await expect(page.locator("main").textContent()).resolves.toContain(
      "We sent a confirmation link to browser@example.org",
    );

    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toMatchObject({ text: "browser@example.org" });
    const link = linkIn(mail?.text ?? "", `${PUBLIC_URL}/digest/confirm?`).replace(PUBLIC_URL, baseUrl);
    await page.goto(link);
    await page.getByRole("button", { name: "Confirm subscription" }).click();
    await expect(page.locator("h1").textContent()).resolves.toBe("Subscribed");
    await page.screenshot({ path: `${SCREENSHOTS}/digest-subscribed.png` });
    expect((await t.stores.digest.digests.subscriberByEmail("browser@example.org"))?.status).toBe("active");

    // The footer carries the same form on every page.
    await page.goto(`${baseUrl}/trending`);
    await expect(page.locator("footer form.subscribe-form").count()).resolves.toBe(1);
  });

  it("unsubscribes from the mail's link with one button, without JavaScript", async () => {
    const subscriber = await t.stores.digest.digests.subscriberByEmail("browser@example.org");
    expect(subscriber?.status).toBe("active");
    const id = subscriber?.id ?? "";
    const { signer } = await signerOf(t);
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(
        `${baseUrl}/digest/unsubscribe?s=${encodeURIComponent(id)}&t=${signer.sign("unsubscribe", id)}`,
      );
      await expect(page.locator("main").textContent()).resolves.toContain(
        "Stop sending PaperPulse digests to browser@example.org?",
      );
      expect((await t.stores.digest.digests.subscriberById(id))?.status).toBe("active");
      await page.getByRole("button", { name: "Unsubscribe" }).click();
      await expect(page.locator("h1").textContent()).resolves.toBe("Unsubscribed");
      expect((await t.stores.digest.digests.subscriberById(id))?.status).toBe("unsubscribed");
      // The page offers to subscribe again, the address filled in.
      const again = page
        .locator("main form.subscribe-form")
        .getByLabel("Get trending papers in your email inbox!");
      await expect(again.inputValue()).resolves.toBe("browser@example.org");
      // The page asks for no Referer, so the browser sends Origin "null"; the form still goes through.
      await page.locator("main form.subscribe-form").getByRole("button", { name: "Subscribe" }).click();
      await expect(page.locator("main").textContent()).resolves.toContain(
        "We sent a confirmation link to browser@example.org",
      );
      expect((await t.stores.digest.digests.subscriberById(id))?.status).toBe("pending");
    } finally {
      await context.close();
    }
  });
});
