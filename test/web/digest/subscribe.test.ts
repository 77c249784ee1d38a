import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DigestService } from "../../../src/digest/digest-service.js";
import { logMailer } from "../../../src/mail/mailer.js";
import { openSqliteStores } from "../../../src/store/sqlite/open-stores.js";
import { buildApp } from "../../../src/web/app.js";
import { makePaperInput } from "../../support/paper-factory.js";
import { openTestPostgresStores, TEST_DATABASE_URL } from "../../support/postgres.js";
import { type SmtpSink, startSmtpSink } from "../../support/smtp-sink.js";
import { startScriptedSmtpSink } from "../../support/smtp-sink-replies.js";
import {
  buildDigestTestApp,
  type DigestTestApp,
  linkIn,
  MAIL_FROM,
  mailerTo,
  PUBLIC_URL,
} from "./digest-app.js";
import { signerOf } from "./signer.js";

const PAPERS = [
  makePaperInput({
    id: "2509.40001",
    title: "Retrieval heads in $\\mathcal{T}$ransformers",
    listingDay: "2025-09-10",
    upvotes: 6,
  }),
  makePaperInput({ id: "2509.40002", title: "Speculative decoding", listingDay: "2025-09-10", upvotes: 3 }),
  makePaperInput({
    id: "2509.40003",
    title: "Tokenizer-free language models",
    listingDay: "2025-09-11",
    upvotes: 1,
  }),
];
/** The site's clock: subscriptions are confirmed on 2025-09-11 after that day's 08:00 UTC digest time. */
const CONFIRMED_AT = new Date("2025-09-11T10:00:00Z");
const FORM = { "content-type": "application/x-www-form-urlencoded" };

let smtp: SmtpSink;
let t: DigestTestApp;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await buildDigestTestApp(mailerTo(smtp.port), PAPERS, { now: () => CONFIRMED_AT });
});

afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** Each reader subscribes from an address of their own, so the per-IP subscribe limit stays out of the way. */
let readers = 0;
const readerIp = () => `192.0.2.${++readers}`;

async function subscribeAndConfirm(email: string): Promise<string> {
  const before = smtp.messages.length;
  const sent = await t.app.inject({
    method: "POST",
    url: "/digest/subscribe",
    payload: `email=${encodeURIComponent(email)}`,
    headers: { ...FORM, origin: "http://localhost:80" },
    remoteAddress: readerIp(),
  });
  expect(sent.statusCode).toBe(200);
  const [mail] = (await smtp.waitFor(before + 1)).slice(before);
  const link = linkIn(mail?.text ?? "", `${PUBLIC_URL}/digest/confirm?`);
  const url = new URL(link);
  const confirmed = await t.app.inject({
    method: "POST",
    url: "/digest/confirm",
    payload: url.searchParams.toString(),
    headers: FORM,
  });
  expect(confirmed.statusCode).toBe(200);
  return url.searchParams.get("s")!;
}

describe("double opt-in", () => {
  it("shows the subscribe form on the home page and in the footer", async () => {
    const home = await t.app.inject("/");
    expect(home.body).toContain('id="home-subscribe-email"');
    expect(home.body).toContain('id="footer-subscribe-email"');
    expect(home.body).toContain("Get trending papers in your email inbox!");
  });

  it("sends nothing before the confirmation link is followed, then the digest", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/digest/subscribe",
      payload: "email=Reader%40Example.org",
      headers: { ...FORM, origin: "http://localhost:80" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("We sent a confirmation link to <strong>Reader@Example.org</strong>");
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toMatchObject({ text: "reader@example.org" });
    expect(mail?.subject).toBe("Confirm your PaperPulse digest subscription");
    const subscriber = await t.stores.digest.digests.subscriberByEmail("reader@example.org");
    expect(subscriber?.status).toBe("pending");

    const service = await DigestService.open({
      stores: t.stores.digest,
      papers: t.stores.papers,
      community: t.stores.community,
      embedder: null,
      mailer: mailerTo(smtp.port),
      publicUrl: PUBLIC_URL,
      mailFrom: MAIL_FROM,
      ratePerMinute: 0,
      retryLimit: 0,
      retryDelaySeconds: 0,
      bounceLimit: 3,
      leaseSeconds: 60,
    });
    expect((await service.run({ now: new Date("2025-09-11T09:00:00Z") })).plan.due).toBe(0);

    // The link opens a page whose button confirms (mail scanners fetching links confirm nothing).
    const link = linkIn(mail?.text ?? "", `${PUBLIC_URL}/digest/confirm?`);
    const page = await t.app.inject(link.slice(PUBLIC_URL.length));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Confirm subscription");
    expect((await t.stores.digest.digests.subscriberByEmail("reader@example.org"))?.status).toBe("pending");

    const params = new URL(link).searchParams;
    const forged = await t.app.inject({
      method: "POST",
      url: "/digest/confirm",
      payload: `s=${params.get("s")}&t=${"x".repeat(32)}`,
      headers: FORM,
    });
    expect(forged.statusCode).toBe(404);
    // A broken link says so when opened, before anyone clicks.
    const forgedPage = await t.app.inject(`/digest/confirm?s=${params.get("s")}&t=${"x".repeat(32)}`);
    expect(forgedPage.statusCode).toBe(404);
    expect(forgedPage.body).toContain("This link is not valid");
    expect(forgedPage.body).not.toContain("Confirm subscription");
    const confirmed = await t.app.inject({
      method: "POST",
      url: "/digest/confirm",
      payload: params.toString(),
      headers: FORM,
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain("reader@example.org");
    expect((await t.stores.digest.digests.subscriberByEmail("reader@example.org"))?.status).toBe("active");
    const reopened = await t.app.inject(link.slice(PUBLIC_URL.length));
    expect(reopened.body).not.toContain("Confirm subscription");
    expect(reopened.body).toContain("reader@example.org");

    // Confirmed after the day's 08:00 digest time: that day's digest is not sent, the next day's is.
    expect((await service.run({ now: new Date("2025-09-11T12:00:00Z") })).plan.due).toBe(0);
    const result = await service.run({ now: new Date("2025-09-12T09:00:00Z") });
    expect(result.plan).toMatchObject({ due: 1, prepared: 1 });
    expect(result.delivery?.sent).toBe(1);
    const digest = smtp.messages.at(-1);
    expect(digest?.to).toMatchObject({ text: "reader@example.org" });
    expect(digest?.text).toContain("Tokenizer-free language models");
  });

  it("takes the form from our own no-referrer pages (Origin null, same-origin fetch), no other null origin", async () => {
    const post = (headers: Record<string, string>) =>
      t.app.inject({
        method: "POST",
        url: "/digest/subscribe",
        payload: "email=null-origin%40example.org",
        headers: { ...FORM, ...headers },
        remoteAddress: readerIp(),
      });
    expect((await post({ origin: "null" })).statusCode).toBe(403);
    expect((await post({ origin: "null", "sec-fetch-site": "cross-site" })).statusCode).toBe(403);
    expect((await post({ origin: "null", "sec-fetch-site": "same-site" })).statusCode).toBe(403);
    expect((await post({ origin: "https://evil.example", "sec-fetch-site": "same-origin" })).statusCode).toBe(
      403,
    );
    expect(await t.stores.digest.digests.subscriberByEmail("null-origin@example.org")).toBeNull();
    expect((await post({ origin: "null", "sec-fetch-site": "same-origin" })).statusCode).toBe(200);
    expect((await t.stores.digest.digests.subscriberByEmail("null-origin@example.org"))?.status).toBe(
      "pending",
    );
  });

  it("shows the form at its own address", async () => {
    const page = await t.app.inject("/digest/subscribe");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<title>Subscribe · PaperPulse</title>");
    expect(page.body).toMatch(/<form class="subscribe-form[^>]*action="\/digest\/subscribe"/);
  });

  it("refuses bad addresses and other sites' forms clearly", async () => {
    const bad = await t.app.inject({
      method: "POST",
      url: "/digest/subscribe",
      payload: "email=not-an-address",
      headers: FORM,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("does not look like an email address");
    // The form comes back with the address to correct.
    expect(bad.body).toMatch(/<form class="subscribe-form[^>]*action="\/digest\/subscribe"/);
    expect(bad.body).toContain('value="not-an-address"');
    const crossSite = await t.app.inject({
      method: "POST",
      url: "/digest/subscribe",
      payload: "email=victim%40example.org",
      headers: { ...FORM, origin: "https://evil.example" },
    });
    expect(crossSite.statusCode).toBe(403);
    const missing = await t.app.inject({
      method: "POST",
      url: "/digest/subscribe",
      payload: "",
      headers: FORM,
    });
    expect(missing.statusCode).toBe(400);
    const badLink = await t.app.inject("/digest/unsubscribe?s=nobody&t=nothing");
    expect(badLink.statusCode).toBe(404);
    const noParams = await t.app.inject("/digest/feedback");
    expect(noParams.statusCode).toBe(400);
  });
});

describe("one-click unsubscribe", () => {
  it("works by POST (RFC 8058) without a session or CSRF token, at once", async () => {
    const id = await subscribeAndConfirm("post@example.org");
    const { signer } = await signerOf(t);
    const url = `/digest/unsubscribe?s=${encodeURIComponent(id)}&t=${signer.sign("unsubscribe", id)}`;
    const response = await t.app.inject({
      method: "POST",
      url,
      payload: "List-Unsubscribe=One-Click",
      headers: FORM,
    });
    expect(response.statusCode).toBe(200);
    expect((await t.stores.digest.digests.subscriberById(id))?.status).toBe("unsubscribed");
    // Repeating it is harmless.
    expect(
      (await t.app.inject({ method: "POST", url, payload: "List-Unsubscribe=One-Click", headers: FORM }))
        .statusCode,
    ).toBe(200);
  });

  it("takes the one-click POST as multipart/form-data or with no body too: the signed link is what counts", async () => {
    const { signer } = await signerOf(t);
    const linkOf = (id: string) =>
      `/digest/unsubscribe?s=${encodeURIComponent(id)}&t=${signer.sign("unsubscribe", id)}`;
    // RFC 8058 lets a mail receiver encode the key as multipart/form-data; some send no body at all.
    const multipart = await subscribeAndConfirm("multipart@example.org");
    const boundary = "one-click-boundary";
    const asMultipart = await t.app.inject({
      method: "POST",
      url: linkOf(multipart),
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(asMultipart.statusCode).toBe(200);
    expect((await t.stores.digest.digests.subscriberById(multipart))?.status).toBe("unsubscribed");

    const bodiless = await subscribeAndConfirm("bodiless@example.org");
    expect((await t.app.inject({ method: "POST", url: linkOf(bodiless) })).statusCode).toBe(200);
    expect((await t.stores.digest.digests.subscriberById(bodiless))?.status).toBe("unsubscribed");

    // A body is never needed, so a large one is refused before it is read.
    const other = await subscribeAndConfirm("large@example.org");
    const large = await t.app.inject({
      method: "POST",
      url: linkOf(other),
      payload: `--${boundary}\r\n${"x".repeat(100_000)}\r\n--${boundary}--\r\n`,
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    expect(large.statusCode).toBe(413);
    expect((await t.stores.digest.digests.subscriberById(other))?.status).toBe("active");
  });

  it("asks on GET from the visible link, so a scanner fetching it unsubscribes nobody", async () => {
    const id = await subscribeAndConfirm("get@example.org");
    const { signer } = await signerOf(t);
    const url = `/digest/unsubscribe?s=${encodeURIComponent(id)}&t=${signer.sign("unsubscribe", id)}`;
    for (const fetchBy of ["scanner", "reader"]) {
      const page = await t.app.inject(url);
      expect(page.statusCode, fetchBy).toBe(200);
      expect(page.headers["cache-control"]).toBe("no-store");
      expect(page.headers["referrer-policy"]).toBe("no-referrer");
      expect(page.body).toContain("Stop sending PaperPulse digests to <strong>get@example.org</strong>?");
      expect((await t.stores.digest.digests.subscriberById(id))?.status).toBe("active");
    }
    const page = await t.app.inject(url);
    // One button, in a plain form that posts the link's own signed address: no JavaScript needed.
    const forms = [...page.body.matchAll(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/g)];
    expect(forms).toHaveLength(1);
    const [, action, inside] = forms[0] ?? [];
    expect(action?.replaceAll("&amp;", "&")).toBe(url);
    expect(inside?.match(/<button/g)).toHaveLength(1);
    expect(inside).toContain("Unsubscribe</button>");

    // The button's POST carries neither a session nor a CSRF token, and acts at once.
    const posted = await t.app.inject({
      method: "POST",
      url: action?.replaceAll("&amp;", "&"),
      headers: FORM,
    });
    expect(posted.statusCode).toBe(200);
    expect(posted.headers["cache-control"]).toBe("no-store");
    expect(posted.headers["referrer-policy"]).toBe("no-referrer");
    expect(posted.body).toContain("<strong>get@example.org</strong> will receive no more PaperPulse digests");
    expect((await t.stores.digest.digests.subscriberById(id))?.status).toBe("unsubscribed");

    // Following the link again says it is done, with nothing more to press.
    const again = await t.app.inject(url);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain("will receive no more PaperPulse digests");
    expect(again.body).not.toContain(`action="${url.replaceAll("&", "&amp;")}"`);
  });

  it("refuses a tampered link on GET and POST with the link error, changing nothing", async () => {
    const id = await subscribeAndConfirm("tamper@example.org");
    const { signer } = await signerOf(t);
    const other = await subscribeAndConfirm("other@example.org");
    const url = `/digest/unsubscribe?s=${encodeURIComponent(other)}&t=${signer.sign("unsubscribe", id)}`;
    for (const method of ["GET", "POST"] as const) {
      const tampered = await t.app.inject({ method, url, headers: FORM });
      expect(tampered.statusCode, method).toBe(404);
      expect(tampered.body).toContain("This link is not valid. Copy the whole link from the mail.");
    }
    expect((await t.stores.digest.digests.subscriberById(other))?.status).toBe("active");
  });

  it("offers to subscribe again, through a new confirmation mail", async () => {
    const id = await subscribeAndConfirm("again@example.org");
    const { signer } = await signerOf(t);
    const url = `/digest/unsubscribe?s=${encodeURIComponent(id)}&t=${signer.sign("unsubscribe", id)}`;
    const done = await t.app.inject({ method: "POST", url, headers: FORM });
    expect(done.body).toMatch(/<form class="subscribe-form[^>]*action="\/digest\/subscribe"/);
    expect(done.body).toContain('id="resubscribe-email"');
    expect(done.body).toContain('value="again@example.org"');

    const before = smtp.messages.length;
    const resubscribed = await t.app.inject({
      method: "POST",
      url: "/digest/subscribe",
      payload: "email=again%40example.org",
      headers: { ...FORM, origin: "http://localhost:80" },
      remoteAddress: readerIp(),
    });
    expect(resubscribed.statusCode).toBe(200);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail?.to).toMatchObject({ text: "again@example.org" });
    expect((await t.stores.digest.digests.subscriberById(id))?.status).toBe("pending");
  });
});

describe("more / less like this", () => {
  it("records signed feedback without a login, from the button of the page the link opens", async () => {
    const id = await subscribeAndConfirm("taste@example.org");
    const { signer } = await signerOf(t);
    const url = (action: "more" | "less") =>
      `/digest/feedback?s=${encodeURIComponent(id)}&p=2509.40001&a=${action}&t=${signer.sign(action, id, "2509.40001")}`;
    const press = (action: "more" | "less") => t.app.inject({ method: "POST", url: url(action) });
    expect((await press("more")).statusCode).toBe(200);
    expect(await t.stores.digest.digests.feedback(id)).toEqual([{ paperId: "2509.40001", signal: 1 }]);
    expect((await press("less")).statusCode).toBe(200);
    expect(await t.stores.digest.digests.feedback(id)).toEqual([{ paperId: "2509.40001", signal: -1 }]);
    const wrongPaper = url("more").replace("p=2509.40001", "p=2509.40002");
    expect((await t.app.inject(wrongPaper)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "POST", url: wrongPaper })).statusCode).toBe(404);
  });

  it("only asks on GET, so a mail scanner fetching every link records nothing", async () => {
    const id = await subscribeAndConfirm("scanned@example.org");
    const { signer } = await signerOf(t);
    const url = (action: "more" | "less") =>
      `/digest/feedback?s=${encodeURIComponent(id)}&p=2509.40001&a=${action}&t=${signer.sign(action, id, "2509.40001")}`;
    for (const action of ["more", "less"] as const) {
      const page = await t.app.inject(url(action));
      expect(page.statusCode).toBe(200);
      expect(page.headers["cache-control"]).toBe("no-store");
      expect(page.body).toContain(`<form method="post" action="${url(action).replaceAll("&", "&amp;")}">`);
      expect(page.body).toContain('<a href="/papers/2509.40001">');
    }
    expect(await t.stores.digest.digests.feedback(id)).toEqual([]);
  });
});

describe("an app without digests", () => {
  it("shows no subscribe form and answers the digest addresses plainly", async () => {
    const stores = openSqliteStores(":memory:");
    await stores.papers.upsertPapers(PAPERS);
    const app = await buildApp({ store: stores.papers, pageCacheTtlMs: 0 });
    try {
      const home = await app.inject("/");
      expect(home.statusCode).toBe(200);
      expect(home.body).not.toContain("subscribe-email");
      for (const [method, url] of [
        ["POST", "/digest/subscribe"],
        ["GET", "/digest/unsubscribe?s=a&t=b"],
        ["POST", "/digest/unsubscribe?s=a&t=b"],
        ["GET", "/me/digest"],
        ["GET", "/admin/digests"],
      ] as const) {
        const response = await app.inject({
          method,
          url,
          payload: method === "POST" ? "email=a%40b.org" : undefined,
          headers: FORM,
        });
        expect(response.statusCode).toBe(404);
        expect(response.body).toContain("Email digests are not available on this instance");
      }
    } finally {
      await app.close();
      await stores.papers.close();
      // Restore the features of the app the other tests use.
      await buildApp({
        store: t.stores.papers,
        digest: {
          stores: t.stores.digest,
          mailer: logMailer({ info: () => {} }),
          publicUrl: PUBLIC_URL,
          mailFrom: MAIL_FROM,
        },
      }).then((restored) => restored.close());
    }
  });
});

describe("subscribing when the confirmation mail cannot go out", () => {
  it("says a refused address is refused (400) and a mail server that is away is away (503)", async () => {
    const refusing = await startScriptedSmtpSink((address) => (address.startsWith("nobody") ? 550 : 451));
    const own = await buildDigestTestApp(mailerTo(refusing.port), PAPERS, { now: () => CONFIRMED_AT });
    try {
      const subscribeAs = (email: string) =>
        own.app.inject({
          method: "POST",
          url: "/digest/subscribe",
          payload: `email=${encodeURIComponent(email)}`,
          headers: { ...FORM, origin: "http://localhost:80" },
          remoteAddress: readerIp(),
        });
      const refused = await subscribeAs("nobody@example.org");
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain("The mail server refused nobody@example.org");
      expect(refused.body).toContain("check the address");
      const later = await subscribeAs("greylisted@example.org");
      expect(later.statusCode).toBe(503);
      expect(later.body).toContain("The mail could not be sent just now; try again in a few minutes.");
      // The form comes back with the address, to send again.
      expect(later.body).toContain('value="greylisted@example.org"');
    } finally {
      await own.close();
      await refusing.close();
    }
  });
});

describe("subscribe rate limit", () => {
  it("answers 429 with Retry-After over the hourly limit, mails nothing more, and keeps serving", async () => {
    const own = await buildDigestTestApp(mailerTo(smtp.port), PAPERS, { now: () => CONFIRMED_AT });
    try {
      const post = () =>
        own.app.inject({
          method: "POST",
          url: "/digest/subscribe",
          payload: "email=limited%40example.org",
          headers: { ...FORM, origin: "http://localhost:80" },
        });
      // The mail is accepted by the sink, so it is in `messages`, before the request answers.
      const mailsTo = () =>
        smtp.messages.filter((mail) => JSON.stringify(mail.to).includes("limited@example.org"));
      const before = mailsTo().length;
      for (let attempt = 0; attempt < 5; attempt++) expect((await post()).statusCode).toBe(200);
      const refused = await post();
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
      expect(refused.body).toContain("Too many subscribe requests; try again in an hour.");
      expect(mailsTo().length - before).toBe(5);
      expect((await own.app.inject("/digest/subscribe")).statusCode).toBe(200);
    } finally {
      await own.close();
    }
  });

  // Opened on PostgreSQL in either project: the embedded tier runs one web process, which counts in memory.
  it.skipIf(TEST_DATABASE_URL === null)(
    "counts the limit once for every web process on PostgreSQL",
    async () => {
      const stores = await openTestPostgresStores({ queueMaintenanceSeconds: 1 });
      const mailer = mailerTo(smtp.port);
      const webProcess = () =>
        buildApp({
          store: stores.papers,
          pageCacheTtlMs: 0,
          community: { stores: stores.community, mailer, publicUrl: PUBLIC_URL },
          digest: { stores: stores.digest, mailer, publicUrl: PUBLIC_URL, mailFrom: MAIL_FROM },
        });
      const [first, second] = [await webProcess(), await webProcess()];
      try {
        const post = (app: typeof first) =>
          app.inject({
            method: "POST",
            url: "/digest/subscribe",
            payload: "email=shared%40example.org",
            headers: { ...FORM, origin: "http://localhost:80" },
          });
        for (const app of [first, second, first, second, first])
          expect((await post(app)).statusCode).toBe(200);
        expect((await post(second)).statusCode).toBe(429);
      } finally {
        await first.close();
        await second.close();
        await stores.papers.close();
      }
    },
  );
});
