import { afterEach, describe, expect, it } from "vitest";
import { describeError } from "../../../src/web/errors.js";
import { makePaperInput } from "../../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "../build-app.js";
import { BrowserSession, csrfTokenIn, signIn, signInWithRole } from "./browser-session.js";

const PAPER = "2509.00001";

describe("deleting an account and changing a password through HTTP", () => {
  let t: CommunityTestApp;
  let clock: Date;

  async function build(options: Parameters<typeof buildCommunityTestApp>[1] = {}) {
    clock = new Date("2025-09-12T10:00:00.000Z");
    t = await buildCommunityTestApp([makePaperInput({ id: PAPER, title: "Paper one", upvotes: 3 })], {
      ...options,
      community: { now: () => clock, ...options.community },
    });
  }

  afterEach(async () => {
    await t?.close();
  });

  const upvotes = async () => (await t.app.inject(`/api/papers/${PAPER}`)).json().upvotes;
  const csrfOf = async (browser: BrowserSession) => csrfTokenIn((await browser.get("/me")).body);
  const userId = async (email: string) => (await t.community.accounts.userByEmail(email))?.id;

  it("deletes an account from the settings page once its email is typed, signing it out everywhere", async () => {
    await build();
    const laptop = await signIn(t, "ada@example.org");
    const phone = await signIn(t, "ada@example.org");
    const before = await userId("ada@example.org");
    await laptop.api("POST", `/api/papers/${PAPER}/vote`, { "x-csrf-token": await csrfOf(laptop) });
    expect(await upvotes()).toBe(4);

    const page = (await laptop.get("/me")).body;
    expect(page).toContain("Delete account");
    expect(page).toContain("Type your email address, <strong>ada@example.org</strong>, to confirm");
    const csrf = csrfTokenIn(page);
    const wrong = await laptop.post("/me/delete", { confirm: "DELETE", _csrf: csrf });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("type its email address (ada@example.org) to confirm; nothing was deleted");
    expect((await laptop.get("/me")).statusCode).toBe(200);
    expect(await upvotes()).toBe(4);
    // Another site's form, without the page's token, deletes nothing.
    expect((await laptop.post("/me/delete", { confirm: "ada@example.org" })).statusCode).toBe(403);

    const deleted = await laptop.post("/me/delete", { confirm: " Ada@Example.org ", _csrf: csrf });
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe("/account-deleted");
    expect((await laptop.get("/account-deleted")).body).toContain("Your account was deleted");
    expect((await laptop.get("/me")).statusCode).toBe(303);
    expect((await phone.get("/me")).statusCode).toBe(303);
    expect(await upvotes()).toBe(3);
    expect(await t.community.accounts.userByEmail("ada@example.org")).toBeNull();

    // The address may sign up again: a new, empty account.
    const again = await signIn(t, "ada@example.org");
    expect((await again.get("/me")).body).toContain("No upvotes yet.");
    expect(await userId("ada@example.org")).not.toBe(before);
  });

  it("deletes an account through the API from a signed-in browser, once its email is sent", async () => {
    await build();
    const browser = await signIn(t, "bob@example.org");
    const csrf = { "x-csrf-token": await csrfOf(browser) };
    expect((await browser.api("POST", `/api/papers/${PAPER}/vote`, csrf)).json().upvotes).toBe(4);

    const wrong = await browser.api("DELETE", "/api/me", csrf, { confirm: "bob@example.com" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toEqual({
      code: "bad_request",
      message:
        "To delete your account, type its email address (bob@example.org) to confirm; nothing was deleted.",
    });
    expect((await browser.api("DELETE", "/api/me", csrf)).statusCode).toBe(400);

    const documented = (await t.app.inject("/openapi.json")).json().paths["/api/me"]?.delete;
    expect(documented?.requestBody?.content["application/json"].schema.required).toEqual(["confirm"]);
    expect(Object.keys(documented?.responses ?? {})).toEqual(
      expect.arrayContaining(["204", "400", "403", "409"]),
    );
    expect(documented?.description).toContain("an API token is refused (403)");

    // Another site's script, riding on the cookie without the page's token, deletes nothing.
    const noToken = await browser.api("DELETE", "/api/me", {}, { confirm: "bob@example.org" });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe("csrf_rejected");

    const deleted = await browser.api("DELETE", "/api/me", csrf, { confirm: "bob@example.org" });
    expect(deleted.statusCode).toBe(204);
    expect(await upvotes()).toBe(3);
    expect(browser.cookies.has("pp_session")).toBe(false);
    expect((await browser.get("/me")).statusCode).toBe(303);
  });

  it("lets no API token delete the account, set its password or manage its tokens", async () => {
    await build();
    const browser = await signIn(t, "bob@example.org");
    const created = await browser.post("/me/tokens", { name: "script", _csrf: await csrfOf(browser) });
    const token = /class="new-token">([^<]+)</.exec(created.body)?.[1] ?? "";
    const tokenId = (await t.community.accounts.apiTokens((await userId("bob@example.org")) ?? ""))[0]?.id;
    const script = new BrowserSession(t.app);
    const auth = { authorization: `Bearer ${token}` };
    expect((await script.api("POST", `/api/papers/${PAPER}/vote`, auth)).json().upvotes).toBe(4);

    const apiDelete = await script.api("DELETE", "/api/me", auth, { confirm: "bob@example.org" });
    expect(apiDelete.statusCode).toBe(403);
    expect(apiDelete.json().error.message).toBe(
      "Deleting an account needs a signed-in browser session; an API token cannot do it. Sign in on the site instead.",
    );
    const form = (url: string, payload: Record<string, string>) =>
      t.app.inject({
        method: "POST",
        url,
        headers: { ...auth, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(payload).toString(),
      });
    // A link-only account needs no current password for its first one: a token that could set it
    // would hand the account to whoever holds the token.
    const password = await form("/me/password", { password: "attacker's password" });
    expect(password.statusCode).toBe(403);
    expect(password.body).toContain("Setting a password needs a signed-in browser session");
    expect((await form("/me/delete", { confirm: "bob@example.org" })).statusCode).toBe(403);
    expect((await form("/me/tokens", { name: "another" })).statusCode).toBe(403);
    expect((await form(`/me/tokens/${tokenId}/revoke`, {})).statusCode).toBe(403);

    const bob = await t.community.accounts.userByEmail("bob@example.org");
    expect(bob?.passwordHash).toBeNull();
    expect(await t.community.accounts.apiTokens(bob?.id ?? "")).toHaveLength(1);
    expect((await browser.get("/me")).statusCode).toBe(200);
    expect(await upvotes()).toBe(4);
  });

  it("keeps the last admin, saying why, and lets an admin go once another one is there", async () => {
    await build();
    const root = await signInWithRole(t, "root@example.org", "admin");
    const refused = await root.post("/me/delete", { confirm: "root@example.org", _csrf: await csrfOf(root) });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("last admin");
    expect((await root.get("/me")).statusCode).toBe(200);

    await signInWithRole(t, "second@example.org", "admin");
    const deleted = await root.post("/me/delete", { confirm: "root@example.org", _csrf: await csrfOf(root) });
    expect(deleted.statusCode).toBe(303);
    expect(await t.community.accounts.userByEmail("root@example.org")).toBeNull();
  });

  it("keeps a deleted member's comments in their threads, erased, and a deleted moderator's audit entries", async () => {
    await build();
    const comments = async () => (await t.app.inject(`/api/papers/${PAPER}/comments`)).json().comments;
    const post = async (browser: BrowserSession, body: string, parent?: string) => {
      const form: Record<string, string> = {
        body,
        _csrf: csrfTokenIn((await browser.get(`/papers/${PAPER}`)).body),
      };
      if (parent) form.parent = parent;
      return browser.post(`/papers/${PAPER}/comments`, form);
    };
    const ada = await signIn(t, "ada@example.org");
    const bob = await signIn(t, "bob@example.org");
    await post(ada, "Ada's question");
    const [question] = await comments();
    await post(bob, "Bob's answer", question.id);
    const mod = await signInWithRole(t, "mod@example.org", "moderator");
    const modCsrf = csrfTokenIn((await mod.get(`/papers/${PAPER}`)).body);
    await mod.post(`/comments/${question.id}/hide`, { hidden: "true", reason: "off topic", _csrf: modCsrf });
    const root = await signInWithRole(t, "root@example.org", "admin");

    await ada.post("/me/delete", { confirm: "ada@example.org", _csrf: await csrfOf(ada) });
    await mod.post("/me/delete", { confirm: "mod@example.org", _csrf: await csrfOf(mod) });

    // The clock stands still in these tests, so the two comments share a time: compared by id.
    const byId = new Map((await comments()).map((comment: { id: string }) => [comment.id, comment]));
    expect(byId.size).toBe(2);
    expect(byId.get(question.id)).toMatchObject({ author: "[deleted]", body: null, state: "deleted" });
    const answer = [...byId.values()].find((comment) => comment !== byId.get(question.id));
    expect(answer).toMatchObject({
      parentId: question.id,
      author: expect.stringMatching(/^reader-[0-9a-f]{6}$/),
      body: "Bob's answer",
      state: "visible",
    });
    const audit = (await root.get("/admin/audit")).body;
    expect(audit).toContain("deleted user");
    expect(audit).toContain("off topic");
  });

  it("sets a first password without the current one, then changes it only with the current one", async () => {
    await build();
    const laptop = await signIn(t, "ada@example.org");
    const phone = await signIn(t, "ada@example.org");
    // Past the first minutes after signing in, when a new password needs no current one.
    clock = new Date(clock.getTime() + 20 * 60_000);
    expect((await laptop.get("/me")).body).not.toContain('name="current"');
    const first = await laptop.post("/me/password", {
      password: "first password!",
      _csrf: await csrfOf(laptop),
    });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('name="current"');
    // The first password also signs out the other sessions.
    expect((await phone.get("/me")).statusCode).toBe(303);
    const tablet = await signIn(t, "ada@example.org");

    const csrf = await csrfOf(laptop);
    const missing = await laptop.post("/me/password", { password: "second password!", _csrf: csrf });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain("Type your current password to change it.");
    const wrong = await laptop.post("/me/password", {
      current: "not the password",
      password: "second password!",
      _csrf: csrf,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("Your current password is not that one; nothing was changed.");
    expect((await tablet.get("/me")).statusCode).toBe(200);

    const changed = await laptop.post("/me/password", {
      current: "first password!",
      password: "second password!",
      _csrf: csrf,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain("your other sessions were signed out");
    expect((await laptop.get("/me")).statusCode).toBe(200);
    expect((await tablet.get("/me")).statusCode).toBe(303);

    const passwordSignIn = async (password: string) => {
      const browser = new BrowserSession(t.app);
      const form = { email: "ada@example.org", password, _csrf: await browser.csrfTokenOf("/login") };
      return (await browser.post("/login", form)).statusCode;
    };
    expect(await passwordSignIn("first password!")).toBe(401);
    expect(await passwordSignIn("second password!")).toBe(303);
  });

  it("lets one of two tabs changing the password at once win, and tells the other nothing was changed", async () => {
    await build();
    const laptop = await signIn(t, "ada@example.org");
    const phone = await signIn(t, "ada@example.org");
    const passwordSignIn = async (password: string) => {
      const browser = new BrowserSession(t.app);
      const form = { email: "ada@example.org", password, _csrf: await browser.csrfTokenOf("/login") };
      return (await browser.post("/login", form)).statusCode;
    };
    // Both tabs show the first-password form; both send it before either is written.
    const [fromLaptop, fromPhone] = await Promise.all([
      laptop.post("/me/password", { password: "laptop's password", _csrf: await csrfOf(laptop) }),
      phone.post("/me/password", { password: "phone's password!", _csrf: await csrfOf(phone) }),
    ]);
    const statuses = [fromLaptop.statusCode, fromPhone.statusCode];
    expect(statuses.sort()).toEqual([200, 409]);
    const [winner, loser] = fromLaptop.statusCode === 200 ? [laptop, phone] : [phone, laptop];
    const lost = fromLaptop.statusCode === 200 ? fromPhone : fromLaptop;
    expect(lost.body).toContain("nothing was changed");
    expect((await winner.get("/me")).statusCode).toBe(200);
    expect((await loser.get("/me")).statusCode).toBe(303);
    const won = winner === laptop ? "laptop's password" : "phone's password!";
    const other = winner === laptop ? "phone's password!" : "laptop's password";
    expect(await passwordSignIn(won)).toBe(303);
    expect(await passwordSignIn(other)).toBe(401);

    // The same with the current password known to both: the second change was checked against a
    // password that is gone by the time it would be written, and its session has been signed out.
    const tablet = await signIn(t, "ada@example.org");
    const [a, b] = await Promise.all([
      winner.post("/me/password", {
        current: won,
        password: "newer password 1",
        _csrf: await csrfOf(winner),
      }),
      tablet.post("/me/password", {
        current: won,
        password: "newer password 2",
        _csrf: await csrfOf(tablet),
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const newer = a.statusCode === 200 ? "newer password 1" : "newer password 2";
    expect(await passwordSignIn(newer)).toBe(303);
  });

  it("replaces a password without the current one only just after signing in, so an owner takes the account back", async () => {
    await build();
    const passwordSignIn = async (password: string) => {
      const browser = new BrowserSession(t.app);
      const form = { email: "ada@example.org", password, _csrf: await browser.csrfTokenOf("/login") };
      return (await browser.post("/login", form)).statusCode;
    };
    // A session stolen from a link-only account sets a password, signing its owner out.
    const stolen = await signIn(t, "ada@example.org");
    clock = new Date(clock.getTime() + 60 * 60_000);
    const set = await stolen.post("/me/password", {
      password: "thief's password",
      _csrf: await csrfOf(stolen),
    });
    expect(set.statusCode).toBe(200);
    const missing = await stolen.post("/me/password", {
      password: "another one!",
      _csrf: await csrfOf(stolen),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain("Forgot it? Sign in again by emailed link");

    // The owner, who never knew that password, signs in by link and replaces it.
    const owner = await signIn(t, "ada@example.org");
    const page = (await owner.get("/me")).body;
    expect(page).not.toContain('name="current"');
    expect(page).toContain("You signed in just now, so a new password needs no current one.");
    const taken = await owner.post("/me/password", {
      password: "owner's password",
      _csrf: await csrfOf(owner),
    });
    expect(taken.statusCode).toBe(200);
    expect((await stolen.get("/me")).statusCode).toBe(303);
    expect(await passwordSignIn("thief's password")).toBe(401);
    expect(await passwordSignIn("owner's password")).toBe(303);

    // Fifteen minutes on, the same session needs the current password again.
    clock = new Date(clock.getTime() + 15 * 60_000);
    expect((await owner.get("/me")).body).toContain('name="current"');
    const late = await owner.post("/me/password", { password: "late password!", _csrf: await csrfOf(owner) });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain("Type your current password to change it.");
  });

  it("limits guesses of the current password as it limits sign-in", async () => {
    await build({ community: { limits: { signInPerHour: 4 } } });
    // Asking for the sign-in link is the first of the four attempts.
    const browser = await signIn(t, "ada@example.org");
    await browser.post("/me/password", { password: "first password!", _csrf: await csrfOf(browser) });
    clock = new Date(clock.getTime() + 20 * 60_000);
    const csrf = await csrfOf(browser);
    const guess = (current: string) =>
      browser.post("/me/password", { current, password: "second password!", _csrf: csrf });
    for (const attempt of ["guess one", "guess two", "guess three"]) {
      expect((await guess(attempt)).statusCode).toBe(400);
    }
    const limited = await guess("first password!");
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    clock = new Date(clock.getTime() + 3_600_000);
    expect((await guess("first password!")).statusCode).toBe(200);
  });

  it("answers odd deletion and password requests with a 4xx that says what is wrong, deleting nothing", async () => {
    await build();
    const browser = await signIn(t, "ada@example.org");
    const csrf = await csrfOf(browser);
    const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const send = (method: "POST" | "DELETE", url: string, type: string, payload: string) =>
      t.app.inject({ method, url, headers: { cookie, "content-type": type, "x-csrf-token": csrf }, payload });
    const form = "application/x-www-form-urlencoded";
    const cases: [
      method: "POST" | "DELETE",
      url: string,
      type: string,
      payload: string,
      status: number,
      says: string,
    ][] = [
      // The pages say what to do in plain words; the API names the field as its schema does.
      ["POST", "/me/delete", form, "", 400, "The form was sent without its “confirm” field"],
      ["POST", "/me/delete", form, "confirm=a&confirm=b", 400, "“confirm” must be given once, as text."],
      ["POST", "/me/delete", form, `confirm=${"%C3%A9".repeat(5_000)}`, 400, "type its email address"],
      ["POST", "/me/delete", form, "confirm=ada%00@example.org", 400, "type its email address"],
      [
        "POST",
        "/me/delete",
        form,
        "confirm=%F0%9F%92%A5%20ada%40example.org%E2%80%8B",
        400,
        "type its email",
      ],
      ["POST", "/me/delete", form, `confirm=${"x".repeat(70_000)}`, 413, ""],
      ["POST", "/me/delete", "text/plain", "confirm=ada@example.org", 400, "The form could not be read"],
      ["POST", "/me/delete", "multipart/form-data; boundary=x", "--x--\r\n", 415, "Unsupported Media Type"],
      ["POST", "/me/delete", "application/json", '{"confirm": null}', 400, "type its email address"],
      ["POST", "/me/delete", "application/json", "{", 400, "not valid JSON"],
      ["POST", "/me/password", form, "", 400, "The form was sent without its “password” field"],
      [
        "POST",
        "/me/password",
        form,
        "password=short",
        400,
        "A password needs 10 to 200 characters; this one has 5.",
      ],
      ["POST", "/me/password", form, "password=a&password=b", 400, "“password” must be given once"],
      [
        "POST",
        "/me/password",
        "application/json",
        '{"password": {"long": "enough"}}',
        400,
        "“password” must be given once, as text.",
      ],
      ["DELETE", "/api/me", "application/json", "[]", 400, "body must be object"],
      ["DELETE", "/api/me", "application/json", '{"confirm": {}}', 400, "confirm must be string"],
      [
        "DELETE",
        "/api/me",
        "application/json",
        `{"confirm": "${"a".repeat(300)}"}`,
        400,
        "confirm is too long",
      ],
      ["DELETE", "/api/me", "application/json", '{"confirm": "\\u0000"}', 400, "type its email address"],
      ["DELETE", "/api/me", "text/plain", "ada@example.org", 400, "body must be object"],
    ];
    for (const [method, url, type, payload, status, says] of cases) {
      const response = await send(method, url, type, payload);
      expect({ method, url, payload: payload.slice(0, 40), status: response.statusCode }).toEqual({
        method,
        url,
        payload: payload.slice(0, 40),
        status,
      });
      expect(response.body).toContain(says);
    }
    expect((await browser.get("/me")).statusCode).toBe(200);
    expect((await t.community.accounts.userByEmail("ada@example.org"))?.passwordHash).toBeNull();
  });

  it("says the limit in a sentence when an account form's text is too long", async () => {
    await build();
    const browser = await signIn(t, "ada@example.org");
    const tokenName = await browser.post("/me/tokens", {
      name: "t".repeat(150),
      _csrf: await csrfOf(browser),
    });
    expect(tokenName.statusCode).toBe(400);
    expect(tokenName.body).toContain(
      "An API token's name can have at most 100 characters; this one has 150.",
    );
    const form = await browser.post("/collections", { name: "c".repeat(300), _csrf: await csrfOf(browser) });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain("A collection's name can have at most 100 characters; this one has 300.");
    const password = await browser.post("/me/password", {
      password: "p".repeat(5_000),
      _csrf: await csrfOf(browser),
    });
    expect(password.statusCode).toBe(400);
    expect(password.body).toContain("A password needs 10 to 200 characters; this one has 5000.");
    // The API's schema holds the limit (the OpenAPI document shows it); its refusal says it too.
    const api = await browser.api(
      "POST",
      "/api/collections",
      { "x-csrf-token": await csrfOf(browser) },
      {
        name: "c".repeat(300),
      },
    );
    expect(api.statusCode).toBe(400);
    expect(api.json().error.message).toBe("name is too long: it can have at most 100 characters.");
  });

  it("counts a password's characters as typed, an emoji as one, not as two UTF-16 units", async () => {
    await build();
    const browser = await signIn(t, "ada@example.org");
    // Five emoji are ten UTF-16 units but five characters: short of the ten a password needs.
    const short = await browser.post("/me/password", {
      password: "🔑🐙🌊🎲🚲",
      _csrf: await csrfOf(browser),
    });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain("A password needs 10 to 200 characters; this one has 5.");
    expect((await t.community.accounts.userByEmail("ada@example.org"))?.passwordHash).toBeNull();

    // Two hundred emoji are four hundred units, and still within the 200 characters allowed.
    const longest = "🔑🐙🌊🎲🚲".repeat(40);
    // Browsers count a field's maxlength in UTF-16 units: the forms must let all four hundred be typed.
    const maxLengthOf = (html: string, id: string) =>
      Number(new RegExp(`id="${id}"[^>]*maxlength="(\\d+)"`).exec(html)?.[1]);
    expect(maxLengthOf((await browser.get("/me")).body, "new-password")).toBeGreaterThanOrEqual(
      longest.length,
    );
    expect(maxLengthOf((await t.app.inject("/login")).body, "login-password")).toBeGreaterThanOrEqual(
      longest.length,
    );
    const set = await browser.post("/me/password", { password: longest, _csrf: await csrfOf(browser) });
    expect(set.statusCode).toBe(200);
    const signedIn = new BrowserSession(t.app);
    const form = { email: "ada@example.org", password: longest, _csrf: await signedIn.csrfTokenOf("/login") };
    expect((await signedIn.post("/login", form)).statusCode).toBe(303);
  });

  it("answers a write that lost the race with a deletion as a conflict, on this store's own error", async () => {
    await build();
    await signIn(t, "ada@example.org");
    const ada = (await userId("ada@example.org"))!;
    await t.community.accounts.deleteUser(ada, clock.toISOString());
    // What a request signed in just before the deletion does just after it: the store's foreign key refuses.
    const refused = await t.community.votes.addVote(ada, PAPER, clock.toISOString()).catch((error) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(describeError(refused)).toEqual({
      statusCode: 409,
      code: "conflict",
      message: "What this refers to was deleted meanwhile (an account or a paper); nothing was changed.",
    });
    expect(describeError(new Error("anything else")).statusCode).toBe(500);
  });
});
