import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makePaperInput } from "../../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "../build-app.js";
import {
  BrowserSession,
  csrfTokenIn,
  followLoginLink,
  loginLinkIn,
  signIn,
  signInWithRole,
} from "./browser-session.js";

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

describe("comments and moderation through HTTP", () => {
  let t: CommunityTestApp;
  beforeEach(async () => {
    t = await buildCommunityTestApp([
      makePaperInput({ id: "2509.00001", title: "Commented paper", listingDay: "2025-09-11" }),
      makePaperInput({ id: "hep-th/9901001", title: "Old style", listingDay: "1999-01-04" }),
    ]);
  });
  afterEach(() => t.close());

  async function comment(browser: BrowserSession, body: string, parent?: string, paper = "2509.00001") {
    const page = await browser.get(`/papers/${paper}`);
    const form: Record<string, string> = { body, _csrf: csrfTokenIn(page.body) };
    if (parent) form.parent = parent;
    return browser.post(`/papers/${encodeURIComponent(paper)}/comments`, form);
  }

  async function commentsOf(paper = "2509.00001") {
    return (await t.app.inject(`/api/papers/${encodeURIComponent(paper)}/comments`)).json().comments as {
      id: string;
      parentId: string | null;
      body: string | null;
      state: string;
      author: string;
    }[];
  }

  it("threads comments and replies, renders the Markdown subset and KaTeX math, and counts them on cards", async () => {
    const ada = await signIn(t, "ada@example.org");
    const posted = await comment(ada, "Nice **result**: $e^{i\\pi}+1=0$ and `code`\n\n- one\n- two");
    expect(posted.statusCode).toBe(303);
    const [first] = await commentsOf();
    expect(posted.headers.location).toBe(`/papers/2509.00001#comment-${first?.id}`);
    const bob = await signIn(t, "bob@example.org");
    const named = await bob.post("/me/name", {
      name: "Bob B.",
      _csrf: csrfTokenIn((await bob.get("/me")).body),
    });
    expect(named.body).toContain("Public name saved.");
    expect((await comment(bob, "Agreed", first?.id)).statusCode).toBe(303);

    const page = (await t.app.inject("/papers/2509.00001")).body;
    expect(page).toContain("Comments (2)");
    expect(page).toContain("<strong>result</strong>");
    expect(page).toContain('class="katex"');
    expect(page).toContain("/static/katex/katex.min.css");
    expect(page).toMatch(/<ol class="comment-replies"><li class="comment"[^>]*>.*Agreed/s);
    expect((await t.app.inject("/static/katex/katex.min.css")).statusCode).toBe(200);
    expect((await t.app.inject("/days/2025-09-11")).body).toContain("2 comments");
    const replies = await commentsOf();
    expect(replies[1]).toMatchObject({
      parentId: first?.id,
      author: "Bob B.",
      authorRole: null,
      body: "Agreed",
      state: "visible",
    });
    // Without a chosen name, a pseudonym: nothing of the address is shown.
    expect(replies[0]?.author).toMatch(/^reader-[0-9a-f]{6}$/);
    expect(page).not.toContain("<strong>ada</strong>");

    expect((await comment(ada, "On the old paper", undefined, "hep-th/9901001")).statusCode).toBe(303);
    expect(await commentsOf("hep-th/9901001")).toHaveLength(1);
  });

  it("counts them on every card that lists the paper: category, author, search, trending and collection pages", async () => {
    const ada = await signIn(t, "ada@example.org");
    await comment(ada, "First");
    await comment(ada, "Second");
    const csrf = csrfTokenIn((await ada.get("/me")).body);
    expect((await ada.api("POST", "/api/papers/2509.00001/vote", { "x-csrf-token": csrf })).statusCode).toBe(
      200,
    );
    const created = await ada.post("/collections", { name: "Reading", _csrf: csrf });
    const collection = String(created.headers.location);
    expect(
      (await ada.post(`${collection}/items`, { paper: "2509.00001", action: "add", _csrf: csrf })).statusCode,
    ).toBe(303);
    const countOnCard = (html: string) =>
      /<a class="card-comments" href="\/papers\/2509\.00001#comments">([^<]*)<\/a>/.exec(html)?.[1];
    for (const url of [
      "/categories/cs.LG",
      "/authors/Ada%20Lovelace",
      "/search?q=commented&mode=lexical",
      "/search?q=commented",
      "/trending",
    ]) {
      expect({ url, count: countOnCard((await t.app.inject(url)).body) }).toEqual({
        url,
        count: "2 comments",
      });
    }
    expect(countOnCard((await ada.get(collection)).body)).toBe("2 comments");
  });

  it("renders hostile comments inert", async () => {
    const ada = await signIn(t, "ada@example.org");
    await comment(ada, `${XSS} [click](javascript:alert(1)) $\\href{javascript:alert(1)}{x}$`);
    const page = (await t.app.inject("/papers/2509.00001")).body;
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<img src=x");
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain("&lt;script>alert(&quot;x&quot;)&lt;/script>");
  });

  it("lets authors edit and delete their own comments only", async () => {
    const ada = await signIn(t, "ada@example.org");
    const bob = await signIn(t, "bob@example.org");
    await comment(ada, "First version");
    const [mine] = await commentsOf();
    await comment(bob, "A reply", mine?.id);
    const csrfBob = csrfTokenIn((await bob.get("/papers/2509.00001")).body);
    expect(
      (await bob.post(`/comments/${mine?.id}/edit`, { body: "hijacked", _csrf: csrfBob })).statusCode,
    ).toBe(403);
    expect((await bob.post(`/comments/${mine?.id}/delete`, { _csrf: csrfBob })).statusCode).toBe(403);

    const csrfAda = csrfTokenIn((await ada.get("/papers/2509.00001")).body);
    expect(
      (await ada.post(`/comments/${mine?.id}/edit`, { body: "Second version", _csrf: csrfAda })).statusCode,
    ).toBe(303);
    expect((await t.app.inject("/papers/2509.00001")).body).toContain("edited");
    expect((await commentsOf())[0]?.body).toBe("Second version");
    expect((await ada.post(`/comments/${mine?.id}/delete`, { _csrf: csrfAda })).statusCode).toBe(303);
    const [deleted, reply] = await commentsOf();
    expect(deleted).toMatchObject({ state: "deleted", body: null, author: "[deleted]" });
    expect(reply?.body).toBe("A reply");
    expect((await t.app.inject("/papers/2509.00001")).body).toContain("This comment was deleted.");
  });

  it("refuses empty, oversized, misplaced and anonymous comments with 4xx", async () => {
    const ada = await signIn(t, "ada@example.org");
    expect((await comment(ada, "   ")).statusCode).toBe(400);
    expect((await comment(ada, "x".repeat(10_001))).statusCode).toBe(400);
    // The limit counts characters: 6,000 emoji are 12,000 UTF-16 units, and fit.
    expect((await comment(ada, "🧮".repeat(6_000))).statusCode).toBe(303);
    expect((await comment(ada, "🧮".repeat(10_001))).statusCode).toBe(400);
    await comment(ada, "On the old paper", undefined, "hep-th/9901001");
    const [other] = await commentsOf("hep-th/9901001");
    expect((await comment(ada, "wrong thread", other?.id)).statusCode).toBe(400);
    expect(
      (
        await t.app.inject({
          method: "POST",
          url: "/api/papers/2509.00001/comments",
          payload: { body: "hi" },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.app.inject("/api/papers/2509.99999/comments")).statusCode).toBe(404);
    expect((await t.app.inject("/api/papers/nonsense/comments")).statusCode).toBe(400);
  });

  it("takes parentId as the comment JSON gives it: null starts a thread, an id answers one", async () => {
    const ada = await signIn(t, "ada@example.org");
    const csrf = { "x-csrf-token": csrfTokenIn((await ada.get("/papers/2509.00001")).body) };
    const url = "/api/papers/2509.00001/comments";
    const started = await ada.api("POST", url, csrf, { body: "A thread", parentId: null });
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({ parentId: null, body: "A thread" });
    const answered = await ada.api("POST", url, csrf, { body: "An answer", parentId: started.json().id });
    expect(answered.statusCode).toBe(201);
    expect(answered.json().parentId).toBe(started.json().id);
    const stray = await ada.api("POST", url, csrf, { body: "Lost", parentId: "no-such-comment" });
    expect(stray.statusCode).toBe(400);
  });

  it("lets moderators hide comments and suspend people, records both, and keeps /admin pages to moderators", async () => {
    const ada = await signIn(t, "ada@example.org");
    await comment(ada, "Spam spam spam");
    const [spam] = await commentsOf();
    const mod = await signInWithRole(t, "mod@example.org", "moderator");

    const userCsrf = csrfTokenIn((await ada.get("/papers/2509.00001")).body);
    expect(
      (await ada.post(`/comments/${spam?.id}/hide`, { hidden: "true", _csrf: userCsrf })).statusCode,
    ).toBe(403);
    expect((await ada.get("/admin/audit")).statusCode).toBe(403);
    expect((await ada.get("/admin/ingest")).statusCode).toBe(403);
    // A stranger is sent to sign in and brought back, as on every page that needs a member.
    for (const page of ["/admin/ingest?days=7", "/admin/audit"]) {
      const stranger = await t.app.inject(page);
      expect(stranger.statusCode, page).toBe(303);
      expect(stranger.headers.location).toBe(`/login?next=${encodeURIComponent(page)}`);
    }
    expect((await t.app.inject("/api/admin/ingest")).statusCode).toBe(401);
    expect((await mod.get("/admin/ingest")).statusCode).toBe(200);

    const modCsrf = csrfTokenIn((await mod.get("/papers/2509.00001")).body);
    const hidden = await mod.post(`/comments/${spam?.id}/hide`, {
      hidden: "true",
      reason: "spam",
      _csrf: modCsrf,
    });
    expect(hidden.statusCode).toBe(303);
    expect((await t.app.inject("/papers/2509.00001")).body).toContain("Hidden by a moderator.");
    expect((await t.app.inject("/papers/2509.00001")).body).not.toContain("Spam spam spam");
    expect((await mod.get("/papers/2509.00001")).body).toContain("Spam spam spam");
    expect((await commentsOf())[0]).toMatchObject({ state: "hidden", body: null });
    expect((await t.app.inject("/days/2025-09-11")).body).toContain("0 comments");

    const suspended = await mod.post("/admin/users/suspend", {
      email: "ada@example.org",
      suspended: "true",
      reason: "spamming <b>everywhere</b>",
      _csrf: modCsrf,
    });
    expect(suspended.statusCode).toBe(303);
    expect((await ada.get("/me")).statusCode).toBe(303);
    const audit = await mod.get("/admin/audit");
    expect(audit.body).toContain("comment.hide");
    expect(audit.body).toContain("user.suspend");
    expect(audit.body).toContain("spamming &lt;b>everywhere&lt;/b>");
    const again = new BrowserSession(t.app);
    await again.post("/login", { email: "ada@example.org", _csrf: await again.csrfTokenOf("/login") });
    const refused = await followLoginLink(again, loginLinkIn(t.mailLog.at(-1) ?? ""));
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("This account is suspended.");
  });
});
