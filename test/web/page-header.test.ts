import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PaperInput } from "../../src/core/paper.js";
import { logMailer } from "../../src/mail/mailer.js";
import { makePaperInput } from "../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "./build-app.js";
import { type BrowserSession, signIn, signInWithRole } from "./community/browser-session.js";
import { buildDigestTestApp } from "./digest/digest-app.js";
import { signerOf } from "./digest/signer.js";

/** The header's account links, as markup: who it shows signed in, and where it leads. */
function accountNav(html: string): string {
  return /<nav class="account-nav" aria-label="Account">(.*?)<\/nav>/s.exec(html)?.[1] ?? "";
}

describe("the header on operational and error pages shows who is signed in", () => {
  let t: CommunityTestApp;
  let reader: BrowserSession;
  let moderator: BrowserSession;
  beforeAll(async () => {
    t = await buildCommunityTestApp([makePaperInput({ id: "2509.00001", listingDay: "2025-09-11" })]);
    reader = await signIn(t, "reader@example.org");
    moderator = await signInWithRole(t, "mod@example.org", "moderator");
  });
  afterAll(() => t.close());

  it("shows the moderator on the ingestion page", async () => {
    const page = await moderator.get("/admin/ingest");
    expect(page.statusCode).toBe(200);
    const nav = accountNav(page.body);
    expect(nav).toContain('<a href="/me" title="mod@example.org">mod</a>');
    expect(nav).not.toContain("Sign in");
  });

  it("links the operational pages a moderator may open, and none of them for other members", async () => {
    const moderatorNav = accountNav((await moderator.get("/")).body);
    expect(moderatorNav).toContain('<a href="/admin/audit">Moderation</a>');
    expect(moderatorNav).toContain('<a href="/admin/ingest">Ingestion</a>');
    // Digest runs are for admins, and this instance has no digests.
    expect(moderatorNav).not.toContain("/admin/digests");
    const readerNav = accountNav((await reader.get("/")).body);
    expect(readerNav).toContain('<a href="/logout">Sign out</a>');
    expect(readerNav).not.toContain("/admin/");
  });

  it.each([
    ["/nope", 404],
    ["/days/2025-13-01", 400],
    ["/collections/not-a-uuid", 404],
    ["/papers/2509.99999", 404],
  ])("shows the signed-in reader on the error page of %s, kept out of shared caches", async (url, status) => {
    const page = await reader.get(url);
    expect(page.statusCode).toBe(status);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["cache-control"]).toBe("private, no-store");
    expect(accountNav(page.body)).toContain('title="reader@example.org">reader</a>');
    expect(accountNav(page.body)).not.toContain("Sign in");
  });

  it("shows the signed-in reader on the API reference, kept out of shared caches", async () => {
    const page = await reader.get("/docs");
    expect(page.statusCode).toBe(200);
    expect(page.headers["cache-control"]).toBe("private, no-store");
    expect(accountNav(page.body)).toContain('title="reader@example.org">reader</a>');
    const anonymous = await t.app.inject("/docs");
    expect(anonymous.headers["cache-control"]).toBeUndefined();
    expect(accountNav(anonymous.body)).toContain('<a href="/login">Sign in</a>');
  });

  it("still offers to sign in on the error pages of visitors who are not signed in", async () => {
    const page = await t.app.inject("/nope");
    expect(page.statusCode).toBe(404);
    expect(page.headers["cache-control"]).toBeUndefined();
    expect(accountNav(page.body)).toContain('<a href="/login">Sign in</a>');
  });
});

describe("the header on an empty instance without digests", () => {
  it("names the signed-in reader on the welcome page and on the digest pages that are not there", async () => {
    const empty = await buildCommunityTestApp();
    try {
      const reader = await signIn(empty, "reader@example.org");
      for (const url of ["/", "/me/digest", "/digest/subscribe"]) {
        const page = await reader.get(url);
        expect(page.headers["cache-control"], url).toBe("private, no-store");
        expect(accountNav(page.body), url).toContain('title="reader@example.org">reader</a>');
      }
      expect((await reader.get("/")).body).toContain("Welcome to PaperPulse");
      const unavailable = await reader.get("/me/digest");
      expect(unavailable.statusCode).toBe(404);
      expect(unavailable.body).toContain("Email digests are not available on this instance.");
    } finally {
      await empty.close();
    }
  });
});

describe("the header where digests exist", () => {
  /** A digest-enabled app seen as the community helpers see one, sign-in mails collected. */
  async function digestCommunityApp(papers: PaperInput[]) {
    const mailLog: string[] = [];
    const mailer = logMailer({ info: (_fields, message) => mailLog.push(message) });
    const digests = await buildDigestTestApp(mailer, papers);
    const t: CommunityTestApp = {
      app: digests.app,
      store: digests.stores.papers,
      community: digests.stores.community,
      mailLog,
      close: () => digests.close(),
    };
    return { t, digests };
  }

  it("links the digest runs for admins only", async () => {
    const { t, digests } = await digestCommunityApp([
      makePaperInput({ id: "2509.00001", listingDay: "2025-09-11" }),
    ]);
    try {
      const admin = await signInWithRole(t, "admin@example.org", "admin");
      const moderator = await signInWithRole(t, "mod@example.org", "moderator");
      const adminNav = accountNav((await admin.get("/")).body);
      expect(adminNav).toContain('<a href="/admin/digests">Digests</a>');
      expect(adminNav).toContain('<a href="/admin/ingest">Ingestion</a>');
      expect(accountNav((await moderator.get("/")).body)).not.toContain("/admin/digests");
      // Its table scrolls inside its own box on a phone, as the audit log's does (phone-layout.test.ts).
      await digests.stores.digest.digests.recordRun({
        id: "run-1",
        startedAt: "2026-01-05T08:00:00.000Z",
        finishedAt: "2026-01-05T08:00:03.000Z",
        dryRun: false,
        due: 1,
        prepared: 1,
        skipped: 0,
      });
      expect((await admin.get("/admin/digests")).body).toContain(
        '<div class="table-scroll"><table class="data-table">',
      );
    } finally {
      await t.close();
    }
  });

  it("names the signed-in reader on the subscribe pages, kept out of shared caches", async () => {
    const { t, digests } = await digestCommunityApp([]);
    try {
      const reader = await signIn(t, "reader@example.org");
      const form = await reader.get("/digest/subscribe");
      expect(form.headers["cache-control"]).toBe("private, no-store");
      expect(accountNav(form.body)).toContain('title="reader@example.org">reader</a>');
      const sent = await reader.post("/digest/subscribe", { email: "reader@example.org" });
      expect(sent.body).toContain("Check your inbox");
      expect(accountNav(sent.body)).toContain('title="reader@example.org">reader</a>');
      // The signed-link pages a digest mail opens name the reader too.
      const id = (await digests.stores.digest.digests.subscriberByEmail("reader@example.org"))?.id ?? "";
      const { signer } = await signerOf(digests);
      const unsubscribe = await reader.get(
        `/digest/unsubscribe?s=${encodeURIComponent(id)}&t=${signer.sign("unsubscribe", id)}`,
      );
      expect(unsubscribe.body).toContain("Stop sending PaperPulse digests");
      expect(accountNav(unsubscribe.body)).toContain('title="reader@example.org">reader</a>');
      const refused = await reader.post("/digest/subscribe", { email: "not an address" });
      expect(refused.statusCode).toBe(400);
      expect(accountNav(refused.body)).toContain('title="reader@example.org">reader</a>');
      const anonymous = await t.app.inject("/digest/subscribe");
      expect(anonymous.headers["cache-control"]).toBeUndefined();
      expect(accountNav(anonymous.body)).toContain('<a href="/login">Sign in</a>');
    } finally {
      await t.close();
    }
  });
});

describe("an error page when looking up the session fails", () => {
  it("renders signed out rather than failing again", async () => {
    const t = await buildCommunityTestApp();
    const reader = await signIn(t, "reader@example.org");
    // The session lookup reads the database, which is gone: the error page reads nothing from it.
    await t.store.close();
    const page = await reader.get("/");
    await t.app.close();
    expect(page.statusCode).toBe(500);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.body).toContain("Something went wrong");
    expect(accountNav(page.body)).toContain('<a href="/login">Sign in</a>');
  });
});
