import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makePaperInput } from "../../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "../build-app.js";
import { type BrowserSession, csrfTokenIn, signIn, signInWithRole } from "./browser-session.js";

describe("public names on comments", () => {
  let t: CommunityTestApp;
  beforeEach(async () => {
    t = await buildCommunityTestApp([
      makePaperInput({ id: "2509.00001", title: "Commented paper", listingDay: "2025-09-11" }),
    ]);
  });
  afterEach(() => t.close());

  const setName = async (browser: BrowserSession, name: string) =>
    browser.post("/me/name", { name, _csrf: csrfTokenIn((await browser.get("/me")).body) });
  const comment = async (browser: BrowserSession, body: string) =>
    browser.post("/papers/2509.00001/comments", {
      body,
      _csrf: csrfTokenIn((await browser.get("/papers/2509.00001")).body),
    });
  const authors = async () =>
    (
      (await t.app.inject("/api/papers/2509.00001/comments")).json().comments as {
        author: string;
        authorRole: string | null;
      }[]
    ).map((c) => [c.author, c.authorRole]);

  it("shows a pseudonym until a name is chosen, never part of the address", async () => {
    const ada = await signIn(t, "ada.lovelace@example.org");
    const profile = (await ada.get("/me")).body;
    const pseudonym = /Your comments show <strong>(reader-[0-9a-f]{6})<\/strong>/.exec(profile)?.[1];
    expect(pseudonym).toBeDefined();
    await comment(ada, "First");
    expect(await authors()).toEqual([[pseudonym, null]]);
    expect((await t.app.inject("/papers/2509.00001")).body).not.toContain("ada.lovelace");

    expect((await setName(ada, "  Ada   Lovelace ")).statusCode).toBe(200);
    expect(await authors()).toEqual([["Ada Lovelace", null]]);
    expect((await ada.get("/me")).body).toContain('value="Ada Lovelace"');
    expect(JSON.parse((await ada.get("/me/export.json")).body).account.publicName).toBe("Ada Lovelace");

    // An empty name goes back to the pseudonym, and frees the name.
    expect((await setName(ada, "")).statusCode).toBe(200);
    expect(await authors()).toEqual([[pseudonym, null]]);
  });

  it("gives a name to one person, however it is spelled, and keeps the site's own names", async () => {
    const ada = await signIn(t, "ada@example.org");
    const bob = await signIn(t, "bob@example.org");
    expect((await setName(ada, "Ada Lovelace")).statusCode).toBe(200);
    for (const lookAlike of ["ada lovelace", "ADA.LOVELACE", "Adá_Lovelace"]) {
      const taken = await setName(bob, lookAlike);
      expect(taken.statusCode, lookAlike).toBe(409);
      expect(taken.body).toContain("or one that looks the same");
    }
    for (const [name, message] of [
      ["Admin", "is kept for the site"],
      ["Moderator", "is kept for the site"],
      ["reader-1a2b3c", "is kept for the site"],
      ["x", "needs 2 to 40 characters; this one has 1"],
      ["n".repeat(41), "needs 2 to 40 characters; this one has 41"],
      ["<script>", "holds letters, digits and spaces"],
      ["\u202eevil", "holds letters, digits and spaces"],
    ]) {
      const refused = await setName(bob, name as string);
      expect(refused.statusCode, name).toBe(400);
      expect(refused.body).toContain(message);
    }
    expect((await setName(ada, "")).statusCode).toBe(200);
    expect((await setName(bob, "ada lovelace")).statusCode).toBe(200);
    expect((await setName(ada, "Ada Lovelace")).statusCode).toBe(409);
  });

  it("marks the comments of moderators and admins, so that no name passes for theirs", async () => {
    const mod = await signInWithRole(t, "mod@example.org", "moderator");
    const root = await signInWithRole(t, "root@example.org", "admin");
    const eve = await signIn(t, "admin@elsewhere.example");
    await comment(mod, "From a moderator");
    await comment(root, "From an admin");
    await comment(eve, "Official notice");
    expect((await authors()).map(([, role]) => role).sort()).toEqual(["admin", "moderator", null]);
    const page = (await t.app.inject("/papers/2509.00001")).body;
    expect(page).toContain('<span class="tag">moderator</span>');
    expect(page).toContain('<span class="tag">admin</span>');
    expect(page).not.toContain("<strong>admin</strong>");
  });
});
