import { afterEach, describe, expect, it } from "vitest";
import { logMailer } from "../../src/mail/mailer.js";
import { openSqliteStores } from "../../src/store/sqlite/open-stores.js";
import { buildApp } from "../../src/web/app.js";
import { BrowserSession } from "./community/browser-session.js";

/**
 * Behind a reverse proxy every request comes from the proxy's address: the per-address rate limits
 * must see the visitor's address from X-Forwarded-For, and only when the proxy is trusted (else
 * anyone could pick an address per request and escape the limits).
 */
describe("requests through a reverse proxy", () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function signInAttemptsFrom(trustProxy: string, addresses: string[]): Promise<number[]> {
    const { papers, community } = openSqliteStores(":memory:");
    const app = await buildApp({
      store: papers,
      pageCacheTtlMs: 0,
      trustProxy,
      community: {
        stores: community,
        mailer: logMailer({ info() {} }),
        publicUrl: "http://paperpulse.test",
        limits: { signInPerHour: 1 },
      },
    });
    closers.push(async () => {
      await app.close();
      await papers.close();
    });
    const browser = new BrowserSession(app);
    const csrf = await browser.csrfTokenOf("/login");
    const statuses: number[] = [];
    for (const [i, address] of addresses.entries()) {
      const response = await browser.post(
        "/login",
        { email: `reader${i}@example.org`, _csrf: csrf },
        { "x-forwarded-for": address },
      );
      statuses.push(response.statusCode);
    }
    return statuses;
  }

  it("counts each visitor's own address when the proxy is trusted", async () => {
    // app.inject connects from 127.0.0.1: the proxy.
    expect(await signInAttemptsFrom("127.0.0.1", ["203.0.113.5", "198.51.100.9", "203.0.113.5"])).toEqual([
      200, 200, 429,
    ]);
  });

  it("ignores forwarded addresses from a proxy it does not trust", async () => {
    expect(await signInAttemptsFrom("", ["203.0.113.5", "198.51.100.9"])).toEqual([200, 429]);
    expect(await signInAttemptsFrom("10.0.0.0/8", ["203.0.113.5", "198.51.100.9"])).toEqual([200, 429]);
  });
});
