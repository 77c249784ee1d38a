import { afterEach, describe, expect, it } from "vitest";
import { makePaperInput } from "../../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "../build-app.js";
import {
  BrowserSession,
  csrfTokenIn,
  followLoginLink,
  loginLinkIn,
  pathOf,
  signIn,
} from "./browser-session.js";

describe("accounts through HTTP", () => {
  let t: CommunityTestApp;
  let clock: Date;
  const now = () => clock;

  async function build(options: Parameters<typeof buildCommunityTestApp>[1] = {}) {
    clock = new Date("2025-09-12T10:00:00.000Z");
    t = await buildCommunityTestApp([makePaperInput({ id: "2509.00001", title: "Paper one", upvotes: 3 })], {
      ...options,
      community: { now, ...options.community },
    });
  }

  afterEach(async () => {
    await t?.close();
  });

  it("signs in by emailed link without SMTP: the page says the link is in the log, and the header shows the account", async () => {
    await build();
    const browser = new BrowserSession(t.app);
    const csrf = await browser.csrfTokenOf("/login");
    const sent = await browser.post("/login", { email: "Ada@Example.org", _csrf: csrf });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain("written to the server log");
    const link = loginLinkIn(t.mailLog[0] ?? "");
    expect(link.startsWith("http://paperpulse.test/login/verify?token=")).toBe(true);

    const landing = await browser.get(pathOf(link));
    expect(landing.headers["referrer-policy"]).toBe("no-referrer");
    expect(await browser.get("/me").then((r) => r.statusCode)).toBe(303);

    const verified = await followLoginLink(browser, link);
    expect(verified.statusCode).toBe(303);
    const cookie = (verified.cookies as { name: string; httpOnly?: boolean; sameSite?: string }[]).find(
      (c) => c.name === "pp_session",
    );
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    const me = await browser.get("/me");
    expect(me.statusCode).toBe(200);
    expect(me.body).toContain("ada@example.org");
    const home = await browser.get("/");
    expect(home.body).toContain('href="/me"');
    expect(home.body).not.toContain(">Sign in</a>");
    expect(home.headers["cache-control"]).toBe("private, no-store");
  });

  it("serves anonymous visitors from the shared page cache but renders signed-in pages for the person", async () => {
    await build({ pageCacheTtlMs: 60_000 });
    const anonymousFirst = await t.app.inject("/papers/2509.00001");
    expect(anonymousFirst.body).toContain(">Sign in</a>");
    const ada = await signIn(t, "ada@example.org");
    const mine = await ada.get("/papers/2509.00001");
    expect(mine.body).not.toContain(">Sign in</a>");
    expect(mine.body).toContain('aria-pressed="false"');
    await ada.api("POST", "/api/papers/2509.00001/vote", { "x-csrf-token": csrfTokenIn(mine.body) });
    const after = await ada.get("/papers/2509.00001");
    expect(after.body).toContain('aria-pressed="true"');
    expect(after.body).toMatch(/class="vote-count">4</);
    // Anonymous visitors share the cached render (up to the TTL old), never someone's personal page.
    const anonymousAgain = await t.app.inject("/papers/2509.00001");
    expect(anonymousAgain.body).toBe(anonymousFirst.body);
    expect(anonymousAgain.body).not.toContain("vote-form");
  });

  it("uses a link once, and not after 15 minutes", async () => {
    await build();
    const first = new BrowserSession(t.app);
    await first.post("/login", { email: "a@example.org", _csrf: await first.csrfTokenOf("/login") });
    const link = loginLinkIn(t.mailLog[0] ?? "");
    // A second tab opened the link's page before the first used it, and sends its form after.
    const second = new BrowserSession(t.app);
    const secondLanding = await second.get(pathOf(link));
    expect(secondLanding.statusCode).toBe(200);
    expect((await followLoginLink(first, link)).statusCode).toBe(303);
    const replay = await second.post("/login/verify", {
      token: /name="token" value="([^"]+)"/.exec(secondLanding.body)?.[1] ?? "",
      next: "/",
      _csrf: csrfTokenIn(secondLanding.body),
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.body).toContain("already used or has expired");
    expect(replay.body).toMatch(/<a class="button" href="\/login">Sign in<\/a>/);
    // Opened again, the used link says so at once, before any button.
    const reopened = await new BrowserSession(t.app).get(pathOf(link));
    expect(reopened.statusCode).toBe(401);
    expect(reopened.body).toContain("already used or has expired");
    expect(reopened.body).not.toContain('name="token"');
    const garbage = await new BrowserSession(t.app).get("/login/verify?token=garbage");
    expect(garbage.statusCode).toBe(401);

    const late = new BrowserSession(t.app);
    await late.post("/login", { email: "b@example.org", _csrf: await late.csrfTokenOf("/login") });
    const lateLink = pathOf(loginLinkIn(t.mailLog[1] ?? ""));
    const lateLanding = await late.get(lateLink);
    clock = new Date(clock.getTime() + 15 * 60_000 + 1_000);
    expect((await late.get(lateLink)).statusCode).toBe(401);
    const lateForm = await late.post("/login/verify", {
      token: /name="token" value="([^"]+)"/.exec(lateLanding.body)?.[1] ?? "",
      next: "/",
      _csrf: csrfTokenIn(lateLanding.body),
    });
    expect(lateForm.statusCode).toBe(401);
  });

  it("rejects forms and API calls without the right CSRF token", async () => {
    await build();
    const anonymous = new BrowserSession(t.app);
    await anonymous.get("/login");
    expect((await anonymous.post("/login", { email: "a@example.org" })).statusCode).toBe(403);
    expect((await anonymous.post("/login", { email: "a@example.org", _csrf: "forged" })).statusCode).toBe(
      403,
    );
    expect(t.mailLog).toHaveLength(0);
    // A write no route takes is a plain "not found" or "method not allowed", not a form that "expired".
    const noRoute = await t.app.inject({ method: "POST", url: "/api/nothing-here" });
    expect(noRoute.statusCode).toBe(404);
    expect(noRoute.json().error.code).toBe("not_found");
    const wrongMethod = await t.app.inject({ method: "POST", url: "/api/papers" });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.json().error.code).toBe("method_not_allowed");
    expect((await t.app.inject({ method: "PUT", url: "/papers/2509.00001" })).statusCode).toBe(405);

    const browser = await signIn(t, "a@example.org");
    const token = csrfTokenIn((await browser.get("/me")).body);
    const forged = await browser.post("/me/tokens", { name: "x", _csrf: "not-the-token" });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain("came from another site");
    expect((await browser.api("POST", "/api/papers/2509.00001/vote")).statusCode).toBe(403);
    const voted = await browser.api("POST", "/api/papers/2509.00001/vote", { "x-csrf-token": token });
    expect(voted.statusCode).toBe(200);
    // An anonymous CSRF cookie does not stand in for the session's token.
    const anonymousToken = anonymous.cookies.get("pp_csrf") ?? "";
    browser.cookies.set("pp_csrf", anonymousToken);
    expect((await browser.post("/logout", { _csrf: anonymousToken })).statusCode).toBe(403);
  });

  it("never turns a session id chosen before sign-in into a signed-in one, and ends sessions when they expire", async () => {
    await build({ community: { sessionDays: 1 } });
    const browser = new BrowserSession(t.app);
    browser.cookies.set("pp_session", "attacker-chosen-value");
    await browser.post("/login", { email: "a@example.org", _csrf: await browser.csrfTokenOf("/login") });
    await followLoginLink(browser, loginLinkIn(t.mailLog[0] ?? ""));
    const issued = browser.cookies.get("pp_session");
    expect(issued).toBeDefined();
    expect(issued).not.toBe("attacker-chosen-value");
    const fixated = new BrowserSession(t.app);
    fixated.cookies.set("pp_session", "attacker-chosen-value");
    expect((await fixated.get("/me")).statusCode).toBe(303);
    expect((await browser.get("/me")).statusCode).toBe(200);

    clock = new Date(clock.getTime() + 24 * 3_600_000 + 1_000);
    const expired = await browser.get("/me");
    expect(expired.statusCode).toBe(303);
    expect(expired.headers.location).toBe("/login?next=%2Fme");
  });

  it("signs out here or everywhere", async () => {
    await build();
    const laptop = await signIn(t, "a@example.org");
    const phone = await signIn(t, "a@example.org");
    const other = await signIn(t, "b@example.org");
    const staleTab = csrfTokenIn((await laptop.get("/logout")).body);
    const out = await laptop.post("/logout", { _csrf: staleTab });
    expect(out.statusCode).toBe(303);
    expect((await laptop.get("/me")).statusCode).toBe(303);
    // Signing out again from a tab opened before: already done, so home, not "this form has expired".
    const outAgain = await laptop.post("/logout", { _csrf: staleTab });
    expect(outAgain.statusCode).toBe(303);
    expect(outAgain.headers.location).toBe("/");
    expect((await phone.get("/me")).statusCode).toBe(200);

    const again = await signIn(t, "a@example.org");
    const token = csrfTokenIn((await again.get("/me")).body);
    await again.post("/logout", { _csrf: token, scope: "everywhere" });
    expect((await phone.get("/me")).statusCode).toBe(303);
    expect((await again.get("/me")).statusCode).toBe(303);
    expect((await other.get("/me")).statusCode).toBe(200);
  });

  it("lets a person set a password and sign in with it; a wrong one is refused", async () => {
    await build();
    const browser = await signIn(t, "a@example.org");
    const csrf = csrfTokenIn((await browser.get("/me")).body);
    expect((await browser.post("/me/password", { password: "short", _csrf: csrf })).statusCode).toBe(400);
    const set = await browser.post("/me/password", { password: "correct horse battery", _csrf: csrf });
    expect(set.statusCode).toBe(200);
    expect(set.body).toContain("Password set");

    const other = new BrowserSession(t.app);
    const wrong = await other.post("/login", {
      email: "a@example.org",
      password: "wrong password!",
      _csrf: await other.csrfTokenOf("/login"),
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain("Wrong email or password");
    const right = await other.post("/login", {
      email: "a@example.org",
      password: "correct horse battery",
      next: "/me",
      _csrf: csrfTokenIn(wrong.body),
    });
    expect(right.statusCode).toBe(303);
    expect(right.headers.location).toBe("/me");
    expect((await other.get("/me")).statusCode).toBe(200);

    // A browser drops the tab of "/\t/evil.example" and leaves the site; a vertical tab once gave a 500.
    for (const [next, location] of [
      ["/\t/evil.example", "/"],
      ["/\u000b/evil.example", "/%0B/evil.example"],
    ] as const) {
      const third = new BrowserSession(t.app);
      const signedIn = await third.post("/login", {
        email: "a@example.org",
        password: "correct horse battery",
        next,
        _csrf: await third.csrfTokenOf("/login"),
      });
      expect(signedIn.statusCode, JSON.stringify(next)).toBe(303);
      expect(signedIn.headers.location).toBe(location);
    }
  });

  it("issues API tokens that act for the user until revoked, and stores only their hash", async () => {
    await build();
    const browser = await signIn(t, "a@example.org");
    const created = await browser.post("/me/tokens", {
      name: "my script",
      _csrf: csrfTokenIn((await browser.get("/me")).body),
    });
    const token = /class="new-token">([^<]+)</.exec(created.body)?.[1] ?? "";
    expect(token).toMatch(/^pp_/);
    const script = new BrowserSession(t.app);
    const auth = { authorization: `Bearer ${token}` };
    const voted = await script.api("POST", "/api/papers/2509.00001/vote", auth);
    expect(voted.statusCode).toBe(200);
    expect(voted.json()).toMatchObject({ voted: true, upvotes: 4 });

    const [listed] = await t.community.accounts.apiTokens(
      (await t.community.accounts.userByEmail("a@example.org"))!.id,
    );
    expect(listed?.lastUsedAt).not.toBeNull();
    const revoked = await browser.post(`/me/tokens/${listed?.id}/revoke`, {
      _csrf: csrfTokenIn((await browser.get("/me")).body),
    });
    expect(revoked.statusCode).toBe(303);
    const refused = await script.api("DELETE", "/api/papers/2509.00001/vote", auth);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe("unauthenticated");
  });

  it("limits sign-in attempts per address with 429 and Retry-After", async () => {
    await build({ community: { limits: { signInPerHour: 3 } } });
    const browser = new BrowserSession(t.app);
    const csrf = await browser.csrfTokenOf("/login");
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await browser.post("/login", { email: "a@example.org", _csrf: csrf })).statusCode).toBe(200);
    }
    const limited = await browser.post("/login", { email: "a@example.org", _csrf: csrf });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(3_000);
    expect(t.mailLog).toHaveLength(3);
    clock = new Date(clock.getTime() + 3_600_000);
    expect((await browser.post("/login", { email: "a@example.org", _csrf: csrf })).statusCode).toBe(200);
  });

  it("refuses bad input with 4xx pages, never a 500", async () => {
    await build();
    const browser = new BrowserSession(t.app);
    const csrf = await browser.csrfTokenOf("/login");
    expect((await browser.post("/login", { email: "not an email", _csrf: csrf })).statusCode).toBe(400);
    expect((await browser.post("/login", { _csrf: csrf })).statusCode).toBe(400);
    expect((await browser.get("/login/verify")).statusCode).toBe(400);
    expect((await browser.post("/me/password", { password: "whatever-long", _csrf: csrf })).statusCode).toBe(
      401,
    );
    const offsite = await browser.post("/login", {
      email: "a@example.org",
      password: "x",
      next: "//evil.example",
    });
    expect(offsite.statusCode).toBe(403);
  });
});
