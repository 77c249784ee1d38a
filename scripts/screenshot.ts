/**
 * Renders the home page with the bundled demo papers in headless Chromium and saves
 * docs/screenshot-home.png (1280 px wide) for the README. Usage: npx tsx scripts/screenshot.ts [out.png] [path]
 * (SCREENSHOT_WIDTH, SCREENSHOT_HEIGHT, COLOR_SCHEME=dark and FULL_PAGE=1 change the shot).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { loadDemoIfEmpty } from "../src/ingest/demo.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import { buildApp } from "../src/web/app.js";

const output = process.argv[2] ?? "docs/screenshot-home.png";
const pagePath = process.argv[3] ?? "/";
const width = Number(process.env.SCREENSHOT_WIDTH ?? 1280);
const height = Number(process.env.SCREENSHOT_HEIGHT ?? 900);
const colorScheme = process.env.COLOR_SCHEME === "dark" ? "dark" : "light";

const store = openSqliteStore(":memory:");
await loadDemoIfEmpty(store);
const app = await buildApp({ store });
const address = await app.listen({ host: "127.0.0.1", port: 0 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width, height }, colorScheme });
  await page.goto(`${address}${pagePath}`);
  mkdirSync(path.dirname(output), { recursive: true });
  await page.screenshot({ path: output, fullPage: process.env.FULL_PAGE === "1" });
  console.log(`saved ${output}`);
} finally {
  await browser.close();
  await app.close();
  await store.close();
}
