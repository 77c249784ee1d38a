import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpMailer } from "../../../src/mail/mailer.js";
import { type SmtpSink, startSmtpSink } from "../../support/smtp-sink.js";
import { startScriptedSmtpSink } from "../../support/smtp-sink-replies.js";
import { buildCommunityTestApp, type CommunityTestApp } from "../build-app.js";
import { BrowserSession, followLoginLink, loginLinkIn, pathOf } from "./browser-session.js";

describe("sign-in round trip through a real SMTP server", () => {
  let smtp: SmtpSink;
  let t: CommunityTestApp;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    const mailer = smtpMailer({
      host: "127.0.0.1",
      port: smtp.port,
      secure: false,
      user: "",
      password: "",
      from: "PaperPulse <papers@paperpulse.test>",
    });
    t = await buildCommunityTestApp([], { mailer, community: { publicUrl: "https://papers.example.org/" } });
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it("mails a link that signs the person in once, with Secure cookies behind HTTPS", async () => {
    const browser = new BrowserSession(t.app);
    const sent = await browser.post("/login", {
      email: "grace@example.org",
      next: "/me",
      _csrf: await browser.csrfTokenOf("/login"),
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain("We sent a sign-in link");
    expect(t.mailLog).toHaveLength(0);

    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toMatchObject({ text: "grace@example.org" });
    expect(mail?.from?.text).toContain("papers@paperpulse.test");
    expect(mail?.subject).toBe("Your PaperPulse sign-in link");
    const link = loginLinkIn(mail?.text ?? "");
    expect(link.startsWith("https://papers.example.org/login/verify?token=")).toBe(true);

    const verified = await followLoginLink(browser, link);
    expect(verified.statusCode).toBe(303);
    expect(verified.headers.location).toBe("/me");
    const session = (verified.cookies as { name: string; secure?: boolean }[]).find(
      (c) => c.name === "pp_session",
    );
    expect(session?.secure).toBe(true);
    const me = await browser.get("/me");
    expect(me.body).toContain("grace@example.org");

    expect((await new BrowserSession(t.app).get(pathOf(link))).statusCode).toBe(401);
    const stored = await t.community.accounts.userByEmail("grace@example.org");
    expect(stored?.role).toBe("user");
  });

  it("says so when the mail server refuses the address, or cannot take the mail just now", async () => {
    const refusing = await startScriptedSmtpSink((address) => (address.startsWith("nobody") ? 550 : 421));
    const own = await buildCommunityTestApp([], {
      mailer: smtpMailer({
        host: "127.0.0.1",
        port: refusing.port,
        secure: false,
        user: "",
        password: "",
        from: "PaperPulse <papers@paperpulse.test>",
      }),
    });
    try {
      const browser = new BrowserSession(own.app);
      const ask = async (email: string) =>
        browser.post("/login", { email, next: "/me", _csrf: await browser.csrfTokenOf("/login") });
      const refused = await ask("nobody@example.org");
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain("The mail server refused nobody@example.org");
      const away = await ask("grace@example.org");
      expect(away.statusCode).toBe(503);
      expect(away.body).toContain("The mail could not be sent just now; try again in a few minutes.");
    } finally {
      await own.close();
      await refusing.close();
    }
  });
});
