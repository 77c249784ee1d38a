import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../../src/digest/settings.js";
import { logMailer } from "../../../src/mail/mailer.js";
import type { Stores } from "../../../src/store/community-stores.js";
import { buildApp } from "../../../src/web/app.js";
import { makePaperInput } from "../../support/paper-factory.js";
import type { CommunityTestApp } from "../build-app.js";
import { csrfTokenIn, signIn, signInWithRole } from "../community/browser-session.js";
import { MAIL_FROM, openDigestTestStores, PUBLIC_URL } from "./digest-app.js";

let t: CommunityTestApp;
let stores: Stores;

beforeAll(async () => {
  stores = await openDigestTestStores();
  const mailLog: string[] = [];
  const mailer = logMailer({ info: (_fields, message) => mailLog.push(message) });
  const app = await buildApp({
    store: stores.papers,
    pageCacheTtlMs: 0,
    community: { stores: stores.community, mailer, publicUrl: PUBLIC_URL },
    digest: { stores: stores.digest, mailer, publicUrl: PUBLIC_URL, mailFrom: MAIL_FROM },
  });
  t = {
    app,
    store: stores.papers,
    community: stores.community,
    mailLog,
    async close() {
      await app.close();
      await stores.papers.close();
    },
  };
});

afterAll(async () => {
  await t.close();
});

describe("the digest on the profile", () => {
  it("is managed by a signed-in subscriber: schedule, kind, size and topics; active without a confirmation mail", async () => {
    expect((await t.app.inject("/me/digest")).headers.location).toBe("/login?next=%2Fme%2Fdigest");
    const browser = await signIn(t, "pat@example.org");
    expect((await browser.get("/me")).body).toContain('href="/me/digest"');
    const page = await browser.get("/me/digest");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Not subscribed");
    const mailsBefore = t.mailLog.length;

    const saved = await browser.post("/me/digest", {
      _csrf: csrfTokenIn(page.body),
      frequency: "weekly",
      weekday: "5",
      hour: "7",
      timeZone: "America/Chicago",
      kind: "personal",
      size: "25",
      categories: "cs.cl, stat.ML",
      keywords: "retrieval augmentation, tokenizers",
      authors: "Yoshua Bengio",
      negativeKeywords: "survey",
      savedSearches: 'cat:cs.IR "dense retrieval"',
      likeMyPapers: "on",
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain("Digest settings saved.");
    expect(t.mailLog.length).toBe(mailsBefore);
    const subscriber = await stores.digest.digests.subscriberByEmail("pat@example.org");
    expect(subscriber).toMatchObject({
      status: "active",
      schedule: { frequency: "weekly", weekday: 5, hour: 7, timeZone: "America/Chicago" },
      kind: "personal",
      size: 25,
      topics: {
        categories: ["cs.CL", "stat.ML"],
        keywords: ["retrieval augmentation", "tokenizers"],
        authors: ["Yoshua Bengio"],
        negativeKeywords: ["survey"],
        savedSearches: ['cat:cs.IR "dense retrieval"'],
        likeMyPapers: true,
      },
    });
    expect(subscriber?.userId).not.toBeNull();
    const shown = await browser.get("/me/digest");
    expect(shown.body).toContain('value="America/Chicago"');
    expect(shown.body).toContain("retrieval augmentation, tokenizers");
  });

  it("is in the person's data export, with their feedback; null for someone without a digest", async () => {
    const browser = await signIn(t, "kim@example.org");
    const none = JSON.parse((await browser.get("/me/export.json")).body);
    expect(none.emailDigest).toBeNull();
    await browser.post("/me/digest", {
      _csrf: csrfTokenIn((await browser.get("/me/digest")).body),
      frequency: "daily",
      hour: "6",
      timeZone: "Europe/Berlin",
      kind: "personal",
      size: "12",
      keywords: "speculative decoding",
      savedSearches: "cat:cs.CL",
    });
    const subscriber = await stores.digest.digests.subscriberByEmail("kim@example.org");
    await stores.digest.digests.saveFeedback(subscriber!.id, "2509.00001", -1, "2025-09-12T10:00:00.000Z");
    const exported = JSON.parse((await browser.get("/me/export.json")).body);
    expect(exported.account.email).toBe("kim@example.org");
    expect(exported.emailDigest).toMatchObject({
      subscription: {
        email: "kim@example.org",
        status: "active",
        schedule: { frequency: "daily", hour: 6, timeZone: "Europe/Berlin" },
        kind: "personal",
        size: 12,
        topics: { keywords: ["speculative decoding"], savedSearches: ["cat:cs.CL"] },
      },
      feedback: [{ paperId: "2509.00001", signal: -1 }],
    });
  });

  it("takes a personal digest without topics once 'more like this' gave it something to go on", async () => {
    const browser = await signIn(t, "lee@example.org");
    const csrf = csrfTokenIn((await browser.get("/me/digest")).body);
    expect((await browser.post("/me/digest", { _csrf: csrf, kind: "trending" })).statusCode).toBe(200);
    const subscriber = await stores.digest.digests.subscriberByEmail("lee@example.org");
    await stores.digest.digests.saveFeedback(subscriber!.id, "2509.00001", 1, "2025-09-12T10:00:00.000Z");
    const personal = await browser.post("/me/digest", { _csrf: csrf, kind: "personal" });
    expect(personal.statusCode).toBe(200);
    expect((await stores.digest.digests.subscriberByEmail("lee@example.org"))?.kind).toBe("personal");
  });

  it("says when 'papers like the ones I upvoted or saved' has nothing to go on yet, until a vote or a saved paper", async () => {
    await stores.papers.upsertPapers([
      makePaperInput({ id: "2509.00011" }),
      makePaperInput({ id: "2509.00012" }),
    ]);
    const hint = "You have not upvoted or saved a paper yet";
    for (const [email, like] of [
      ["ida@example.org", "vote"],
      ["max@example.org", "save"],
    ] as const) {
      const browser = await signIn(t, email);
      const csrf = csrfTokenIn((await browser.get("/me/digest")).body);
      const unchecked = await browser.post("/me/digest", {
        _csrf: csrf,
        kind: "personal",
        keywords: "graphs",
      });
      expect(unchecked.body).not.toContain(hint);
      const saved = await browser.post("/me/digest", {
        _csrf: csrf,
        kind: "personal",
        keywords: "graphs",
        likeMyPapers: "on",
      });
      expect(saved.body).toContain("Digest settings saved.");
      expect(saved.body).toContain(hint);
      expect((await browser.get("/me/digest")).body).toContain(hint);

      const user = await stores.community.accounts.userByEmail(email);
      if (like === "vote") {
        await stores.community.votes.addVote(user!.id, "2509.00011", "2025-09-12T10:00:00.000Z");
      } else {
        const collection = { id: `reading-${user!.id}`, userId: user!.id, name: "Reading" };
        await stores.community.collections.createCollection({
          ...collection,
          public: false,
          createdAt: "2025-09-12T10:00:00.000Z",
        });
        await stores.community.collections.addItem(collection.id, "2509.00012", "2025-09-12T10:00:00.000Z");
      }
      expect((await browser.get("/me/digest")).body, like).not.toContain(hint);
    }
  });

  it("refuses bad settings with a message, and forms without the CSRF token", async () => {
    const browser = await signIn(t, "sam@example.org");
    const csrf = csrfTokenIn((await browser.get("/me/digest")).body);
    for (const [field, value, message] of [
      ["timeZone", "Mars/Olympus", "is not a time zone"],
      ["size", "51", "Size must be a whole number from 1 to 50"],
      ["hour", "24", "Hour must be a whole number from 0 to 23"],
      ["categories", "cs.XX", "is not an arXiv category"],
      ["frequency", "hourly", "Frequency is daily or weekly"],
      ["savedSearches", "attention year:abc", "Could not read year:abc (try year:2024 or year:2020-2023)."],
      ["kind", "personal", "A personal digest needs a topic"],
    ] as const) {
      const response = await browser.post("/me/digest", { _csrf: csrf, [field]: value });
      expect(response.statusCode, field).toBe(400);
      expect(response.body).toContain(message);
    }
    expect(await stores.digest.digests.subscriberByEmail("sam@example.org")).toBeNull();
    expect((await browser.post("/me/digest", { size: "5" })).statusCode).toBe(403);
    await browser.post("/me/digest", { _csrf: csrf });
    expect((await stores.digest.digests.subscriberByEmail("sam@example.org"))?.status).toBe("active");
    const stopped = await browser.post("/me/digest/stop", { _csrf: csrf });
    expect(stopped.body).toContain("Your digest is stopped.");
    expect((await stores.digest.digests.subscriberByEmail("sam@example.org"))?.status).toBe("unsubscribed");
  });

  it("keeps what a refused form said, so that only the wrong field needs correcting", async () => {
    const browser = await signIn(t, "kim@example.org");
    const csrf = csrfTokenIn((await browser.get("/me/digest")).body);
    const sent = {
      frequency: "weekly",
      weekday: "3",
      hour: "7",
      timeZone: "Mars/Olympus",
      kind: "personal",
      size: "12",
      categories: "cs.LG, bogus.XX",
      keywords: "kw1, kw2",
      authors: "Ada Lovelace",
      negativeKeywords: "survey",
      savedSearches: "attention cat:cs.CL",
      likeMyPapers: "on",
    };
    const response = await browser.post("/me/digest", { _csrf: csrf, ...sent });
    expect(response.statusCode).toBe(400);
    const html = response.body;
    // Radio buttons and checkboxes: the values checked; selects: the option selected; the rest: the text.
    const chosen = (name: string) =>
      [...html.matchAll(new RegExp(`<input[^>]*name="${name}"[^>]*>`, "g"))]
        .filter((input) => / checked/.test(input[0]))
        .map((input) => /value="([^"]*)"/.exec(input[0])?.[1]);
    const selected = (name: string) =>
      new RegExp(`<select name="${name}"[\\s\\S]*?<option value="(\\d+)" selected`).exec(html)?.[1];
    const text = (name: string) =>
      new RegExp(`<(?:input|textarea)[^>]*name="${name}"[^>]*?(?:value="([^"]*)"[^>]*>|>([^<]*)</textarea>)`)
        .exec(html)
        ?.slice(1)
        .join("");
    const shown = Object.fromEntries(
      Object.keys(sent).map((name) => {
        if (["frequency", "kind", "likeMyPapers"].includes(name)) return [name, chosen(name)?.join()];
        if (["weekday", "hour"].includes(name)) return [name, selected(name)];
        return [name, text(name)];
      }),
    );
    expect(shown).toEqual(sent);
  });

  it("lists the digest runs to admins only", async () => {
    await stores.digest.digests.recordRun({
      id: "run-1",
      startedAt: "2026-01-05T08:00:00.000Z",
      finishedAt: "2026-01-05T08:00:03.000Z",
      dryRun: false,
      due: 7,
      prepared: 5,
      skipped: 2,
    });
    const user = await signIn(t, "user@example.org");
    expect((await user.get("/admin/digests")).statusCode).toBe(403);
    const admin = await signInWithRole(t, "admin@example.org", "admin");
    const page = await admin.get("/admin/digests");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("2026-01-05 08:00:00");
    expect(page.body).toMatch(/<td>7<\/td><td>0<\/td><td>2<\/td><td>0<\/td><td>5<\/td>/);
  });

  it("shows a run kept past the retention by a stuck delivery with the totals of all its digests", async () => {
    const { digests } = stores.digest;
    const longAgo = "2025-11-01T08:00:00.000Z";
    await digests.recordRun({
      id: "run-stuck",
      startedAt: longAgo,
      finishedAt: longAgo,
      dryRun: false,
      due: 3,
      prepared: 3,
      skipped: 0,
    });
    for (const [name, state] of [
      ["sent", "sent"],
      ["bounced", "failed"],
      ["stuck", "prepared"],
    ] as const) {
      const subscriber = await digests.ensureSubscriber({
        id: `sub-${name}`,
        email: `${name}@example.org`,
        userId: null,
        createdAt: longAgo,
        ...DEFAULT_SETTINGS,
      });
      const digest = {
        to: subscriber.email,
        kind: "trending" as const,
        frequency: "daily",
        coverage: "",
        picks: [],
      };
      await digests.prepareDelivery({
        subscriberId: subscriber.id,
        periodKey: "daily:2025-11-01",
        runId: "run-stuck",
        digest,
        papers: 0,
        preparedAt: longAgo,
        coveredThrough: "2025-09-11",
      });
      if (state === "prepared") continue;
      await digests.startSending(subscriber.id, "daily:2025-11-01");
      if (state === "sent") await digests.markSent(subscriber.id, "daily:2025-11-01", longAgo);
      else await digests.markFailed(subscriber.id, "daily:2025-11-01", "550", null);
    }
    expect(await digests.forgetDeliveries("2025-12-01T00:00:00.000Z", 10)).toBe(2);
    expect(await digests.forgetRuns("2025-12-01T00:00:00.000Z", 10)).toBe(0);

    const admin = await signInWithRole(t, "admin2@example.org", "admin");
    const page = (await admin.get("/admin/digests")).body;
    // Due 3, sent 1, skipped 0, failed 1, waiting 1: not the one delivery left counted as the run.
    expect(page).toMatch(
      /2025-11-01 08:00:00<\/td><td>2025-11-01 08:00:00<\/td><td>3<\/td><td>1<\/td><td>0<\/td><td>1<\/td><td>1<\/td>/,
    );
  });
});
