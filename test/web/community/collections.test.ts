import { parse } from "@retorquere/bibtex-parser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makePaperInput } from "../../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "../build-app.js";
import { type BrowserSession, csrfTokenIn, signIn, signInWithRole } from "./browser-session.js";

const HOSTILE_NAME = '<script>alert("c")</script>Reading list';

/** Names XML forbids or nobody can see, each with the code point the refusal names. */
const FORBIDDEN_NAMES: [string, string][] = [
  ["Bad \u0001 name \ufffe", "U+0001"],
  ["Tab\tinside", "U+0009"],
  ["Line\nbreak", "U+000A"],
  ["Delete \u007f", "U+007F"],
  ["Next line \u0085", "U+0085"],
  ["Nonchar \ufffe", "U+FFFE"],
  ["Nonchar \uffff", "U+FFFF"],
  ["Nonchar \ufdd0", "U+FDD0"],
  ["Plane 16 \u{10ffff}", "U+10FFFF"],
  ["Lone \ud800 high", "U+D800"],
  ["Lone \udc00 low", "U+DC00"],
];

/** Every address a public collection is seen at. */
function publicPlacesOf(id: string): string[] {
  return [
    `/collections/${id}`,
    `/feeds/collection/${id}.rss`,
    `/feeds/collection/${id}.atom`,
    `/collections/${id}/citations.bib`,
    `/collections/${id}/citations.csl.json`,
    `/api/collections/${id}`,
  ];
}

/** Real time, but never the same millisecond twice: entries added one after the other keep their order. */
function risingClock(): () => Date {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return new Date(last);
  };
}

describe("collections through HTTP", () => {
  let t: CommunityTestApp;
  beforeEach(async () => {
    t = await buildCommunityTestApp(
      [
        makePaperInput({
          id: "2509.00001",
          title: "Diffusion models for locality",
          abstract: "About diffusion.",
        }),
        makePaperInput({ id: "2509.00002", title: "Transformers learn sorting", abstract: "About sorting." }),
        makePaperInput({ id: "hep-th/9901001", title: "Strings and diffusion", listingDay: "1999-01-04" }),
      ],
      { community: { now: risingClock() } },
    );
  });
  afterEach(() => t.close());

  async function createCollection(browser: BrowserSession, name: string, isPublic = false): Promise<string> {
    const csrf = csrfTokenIn((await browser.get("/collections")).body);
    const form: Record<string, string> = { name, _csrf: csrf };
    if (isPublic) form.public = "true";
    const created = await browser.post("/collections", form);
    expect(created.statusCode).toBe(303);
    return String(created.headers.location).replace("/collections/", "");
  }

  async function item(browser: BrowserSession, id: string, form: Record<string, string>) {
    const csrf = csrfTokenIn((await browser.get("/collections")).body);
    return browser.post(`/collections/${id}/items`, { ...form, _csrf: csrf });
  }

  async function apiToken(browser: BrowserSession): Promise<{ authorization: string }> {
    const created = await browser.post("/me/tokens", {
      name: "cli",
      _csrf: csrfTokenIn((await browser.get("/me")).body),
    });
    const token = /class="new-token">([^<]+)</.exec(created.body)?.[1] ?? "";
    return { authorization: `Bearer ${token}` };
  }

  it("saves papers from their page, marks them read, keeps private notes, and searches saved papers", async () => {
    const ada = await signIn(t, "ada@example.org");
    const id = await createCollection(ada, "To read");
    const paperPage = await ada.get("/papers/2509.00001");
    expect(paperPage.body).toContain(`action="/collections/${id}/items"`);
    expect(paperPage.body).toContain("Save to To read");
    const saved = await ada.post(`/collections/${id}/items`, {
      paper: "2509.00001",
      action: "add",
      _csrf: csrfTokenIn(paperPage.body),
    });
    expect(saved.statusCode).toBe(303);
    expect((await item(ada, id, { paper: "hep-th/9901001", action: "add" })).statusCode).toBe(303);
    expect(
      (await item(ada, id, { paper: "https://arxiv.org/abs/2509.00002v1", action: "add" })).statusCode,
    ).toBe(303);
    await item(ada, id, { paper: "2509.00001", action: "read" });
    await item(ada, id, { paper: "2509.00001", action: "note", note: "Check <b>section 3</b>" });
    await item(ada, id, { paper: "2509.00002", action: "remove" });

    const page = (await ada.get(`/collections/${id}`)).body;
    expect(page).toContain("Private collection · 2 papers");
    expect(page).toContain("Mark unread");
    expect(page).toContain('value="Check &lt;b>section 3&lt;/b>"');
    expect(page).not.toContain("Transformers learn sorting");

    const found = (await ada.get("/collections?q=diffusion")).body;
    expect(found).toContain("Diffusion models for locality");
    expect(found).toContain("Strings and diffusion");
    expect(found).not.toContain("Transformers learn sorting");
    expect((await ada.get("/collections?q=nothing-like-this")).body).toContain(
      "None of your saved papers match",
    );
  });

  it("hides private collections from others and shows public ones without notes or read marks", async () => {
    const ada = await signIn(t, "ada@example.org");
    const bob = await signIn(t, "bob@example.org");
    const privateId = await createCollection(ada, "Secret");
    const publicId = await createCollection(ada, "Shared", true);
    await item(ada, publicId, { paper: "2509.00001", action: "add" });
    await item(ada, publicId, { paper: "2509.00001", action: "note", note: "my private thought" });
    await item(ada, publicId, { paper: "2509.00001", action: "read" });
    expect((await ada.get(`/collections/${publicId}`)).body).toContain("Public collection · 1 paper ·");

    expect((await bob.get(`/collections/${privateId}`)).statusCode).toBe(404);
    expect((await t.app.inject(`/collections/${privateId}`)).statusCode).toBe(404);
    const shared = await t.app.inject(`/collections/${publicId}`);
    expect(shared.statusCode).toBe(200);
    expect(shared.body).toContain("Diffusion models for locality");
    expect(shared.body).not.toContain("my private thought");
    expect(shared.body).not.toContain("Mark unread");
    const api = (await t.app.inject(`/api/collections/${publicId}`)).json();
    expect(api.items).toEqual([expect.objectContaining({ paperId: "2509.00001", note: "", readAt: null })]);

    expect((await item(bob, publicId, { paper: "2509.00002", action: "add" })).statusCode).toBe(404);
    const csrf = csrfTokenIn((await ada.get(`/collections/${publicId}`)).body);
    await ada.post(`/collections/${publicId}/visibility`, { public: "false", _csrf: csrf });
    expect((await t.app.inject(`/collections/${publicId}`)).statusCode).toBe(404);
  });

  it("leaves papers moderators hid out of what others see of a collection, tells the owner, marks them for moderators", async () => {
    const ada = await signIn(t, "ada@example.org");
    const id = await createCollection(ada, "Shared", true);
    await item(ada, id, { paper: "2509.00001", action: "add" });
    await item(ada, id, { paper: "2509.00002", action: "add" });
    const mod = await signInWithRole(t, "mod@example.org", "moderator");
    const modCsrf = csrfTokenIn((await mod.get("/admin/audit")).body);
    const hide = (hidden: "true" | "false") =>
      mod.post("/admin/papers/hide", { paper: "2509.00002", hidden, _csrf: modCsrf });
    expect((await hide("true")).statusCode).toBe(303);

    const publicPlaces = publicPlacesOf(id);
    for (const url of publicPlaces) {
      const body = (await t.app.inject(url)).body;
      expect(body, url).toContain("2509.00001");
      expect(body, url).not.toContain("2509.00002");
      expect(body, url).not.toContain("hidden by moderators");
    }
    const bob = await signIn(t, "bob@example.org");
    expect((await bob.get(`/collections/${id}`)).body).not.toContain("2509.00002");
    const anonymousApi = (await t.app.inject(`/api/collections/${id}`)).json();
    expect(anonymousApi.collection).toEqual(expect.objectContaining({ papers: 1 }));
    expect(anonymousApi.collection).not.toHaveProperty("hiddenByModerators");

    const own = (await ada.get(`/collections/${id}`)).body;
    expect(own).toContain("Public collection · 1 paper · 1 paper hidden by moderators");
    expect(own).not.toContain("Transformers learn sorting");
    expect(parse((await ada.get(`/collections/${id}/citations.bib`)).body).entries).toHaveLength(1);
    expect((await ada.get("/collections")).body).toContain("1 paper · 1 paper hidden by moderators · public");
    const ownApi = (await ada.get(`/api/collections/${id}`)).json();
    expect(ownApi.collection).toEqual(expect.objectContaining({ papers: 1, hiddenByModerators: 1 }));
    expect(ownApi.items.map((entry: { paperId: string }) => entry.paperId)).toEqual(["2509.00001"]);
    expect((await ada.get("/collections?q=sorting")).body).toContain("None of your saved papers match");

    const moderated = (await mod.get(`/collections/${id}`)).body;
    expect(moderated).toContain("Transformers learn sorting");
    expect(moderated).toContain('<span class="tag">hidden by moderators</span>');
    const modApi = (await mod.get(`/api/collections/${id}`)).json();
    expect(
      modApi.items.map((entry: { paperId: string; hidden: boolean }) => [entry.paperId, entry.hidden]),
    ).toEqual([
      ["2509.00002", true],
      ["2509.00001", false],
    ]);
    expect(parse((await mod.get(`/collections/${id}/citations.bib`)).body).entries).toHaveLength(2);

    expect((await hide("false")).statusCode).toBe(303);
    for (const url of publicPlaces) expect((await t.app.inject(url)).body, url).toContain("2509.00002");
    expect((await ada.get(`/collections/${id}`)).body).not.toContain("hidden by moderators");
  });

  it("exports a collection's citations in its order, to whoever may see it", async () => {
    const ada = await signIn(t, "ada@example.org");
    const id = await createCollection(ada, "Ada's reading: 50% done", false);
    await item(ada, id, { paper: "2509.00001", action: "add" });
    await item(ada, id, { paper: "hep-th/9901001", action: "add" });

    const page = (await ada.get(`/collections/${id}`)).body;
    expect(page).toContain(`<a href="/collections/${id}/citations.bib">BibTeX</a>`);
    const bib = await ada.get(`/collections/${id}/citations.bib`);
    expect(bib.statusCode).toBe(200);
    expect(bib.headers["content-type"]).toBe("application/x-bibtex; charset=utf-8");
    expect(bib.headers["content-disposition"]).toBe('inline; filename="Ada_s_reading_50_done.bib"');
    const entries = parse(bib.body).entries;
    expect(entries.map((entry) => entry.fields.eprint)).toEqual(["hep-th/9901001", "2509.00001"]);
    expect(entries[1]?.fields.title).toBe("Diffusion models for locality");
    const csl = await ada.get(`/collections/${id}/citations.csl.json`);
    expect(csl.json().map((entry: { id: string }) => entry.id)).toEqual([
      "arXiv:hep-th/9901001",
      "arXiv:2509.00001",
    ]);

    expect((await t.app.inject(`/collections/${id}/citations.bib`)).statusCode).toBe(404);
    const csrf = csrfTokenIn(page);
    await ada.post(`/collections/${id}/visibility`, { public: "true", _csrf: csrf });
    expect(parse((await t.app.inject(`/collections/${id}/citations.bib`)).body).entries).toHaveLength(2);
  });

  it("renders hostile collection names inert and refuses bad input with 4xx", async () => {
    const ada = await signIn(t, "ada@example.org");
    const id = await createCollection(ada, HOSTILE_NAME, true);
    for (const html of [
      (await t.app.inject(`/collections/${id}`)).body,
      (await ada.get("/collections")).body,
    ]) {
      expect(html).not.toContain('<script>alert("c")</script>');
      expect(html).toContain("&lt;script>alert(&quot;c&quot;)&lt;/script>Reading list");
    }
    expect((await ada.get("/papers/2509.00001")).body).not.toContain('<script>alert("c")');
    const csrf = csrfTokenIn((await ada.get("/collections")).body);
    expect((await ada.post("/collections", { name: "  ", _csrf: csrf })).statusCode).toBe(400);
    expect((await item(ada, id, { paper: "not-an-id", action: "add" })).statusCode).toBe(400);
    expect((await item(ada, id, { paper: "2509.99999", action: "add" })).statusCode).toBe(404);
    expect((await item(ada, id, { paper: "2509.00002", action: "read" })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/collections" })).statusCode).toBe(401);
  });

  it("offers the same through the API with a token", async () => {
    const auth = await apiToken(await signIn(t, "ada@example.org"));
    const made = await t.app.inject({
      method: "POST",
      url: "/api/collections",
      headers: auth,
      payload: { name: "API list" },
    });
    expect(made.statusCode).toBe(201);
    const { id } = made.json();
    const added = await t.app.inject({
      method: "POST",
      url: `/api/collections/${id}/items`,
      headers: auth,
      payload: { paper: "2509.00002", action: "add" },
    });
    expect(added.statusCode).toBe(204);
    const mine = (await t.app.inject({ url: "/api/collections", headers: auth })).json();
    expect(mine.collections).toEqual([
      expect.objectContaining({ id, name: "API list", public: false, papers: 1 }),
    ]);
  });

  it("renames and deletes a collection through its page's forms, for its owner only", async () => {
    const ada = await signIn(t, "ada@example.org");
    const bob = await signIn(t, "bob@example.org");
    const id = await createCollection(ada, "Difusion redaing", true);
    await item(ada, id, { paper: "2509.00001", action: "add" });
    await item(ada, id, { paper: "2509.00001", action: "note", note: "kept through the rename" });

    const own = (await ada.get(`/collections/${id}`)).body;
    expect(own).toContain(`action="/collections/${id}/rename"`);
    expect(own).toContain('<input id="collection-rename" name="name" value="Difusion redaing" required');
    // Deleting takes opening a disclosure that says what goes, then a button naming the collection.
    expect(own).toMatch(
      new RegExp(
        `<details><summary>Delete this collection</summary><form class="stack-form" method="post" action="/collections/${id}/delete">` +
          '[\\s\\S]*?cannot be undone[\\s\\S]*?<button class="button button-danger" type="submit">Delete “Difusion redaing” for good</button>',
      ),
    );
    for (const other of [
      (await t.app.inject(`/collections/${id}`)).body,
      (await bob.get(`/collections/${id}`)).body,
    ]) {
      expect(other).toContain("Difusion redaing");
      expect(other).not.toContain(`/collections/${id}/rename`);
      expect(other).not.toContain(`/collections/${id}/delete`);
    }

    const bobCsrf = csrfTokenIn((await bob.get("/collections")).body);
    expect(
      (await bob.post(`/collections/${id}/rename`, { name: "Mine now", _csrf: bobCsrf })).statusCode,
    ).toBe(404);
    expect((await bob.post(`/collections/${id}/delete`, { _csrf: bobCsrf })).statusCode).toBe(404);
    expect((await ada.post(`/collections/${id}/rename`, { name: "No token" })).statusCode).toBe(403);
    expect((await ada.post(`/collections/${id}/delete`, {})).statusCode).toBe(403);
    expect((await t.app.inject(`/collections/${id}`)).body).toContain("Difusion redaing");

    const csrf = csrfTokenIn(own);
    const renamed = await ada.post(`/collections/${id}/rename`, {
      name: "  Diffusion reading  ",
      _csrf: csrf,
    });
    expect(renamed.statusCode).toBe(303);
    expect(renamed.headers.location).toBe(`/collections/${id}`);
    const page = (await ada.get(`/collections/${id}`)).body;
    expect(page).toContain("<h1>Diffusion reading</h1>");
    expect(page).toContain('value="kept through the rename"');
    expect((await t.app.inject(`/feeds/collection/${id}.atom`)).body).toContain(
      "PaperPulse · Diffusion reading",
    );
    const refused = await ada.post(`/collections/${id}/rename`, { name: "Bell \u0007", _csrf: csrf });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("holds U+0007");
    expect((await ada.post(`/collections/${id}/rename`, { name: " ", _csrf: csrf })).statusCode).toBe(400);
    expect((await ada.get("/collections")).body).toContain(
      `<a href="/collections/${id}">Diffusion reading</a>`,
    );

    const deleted = await ada.post(`/collections/${id}/delete`, { _csrf: csrf });
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe("/collections");
    expect((await ada.get("/collections")).body).not.toContain(`/collections/${id}`);
    for (const url of publicPlacesOf(id)) {
      expect((await t.app.inject(url)).statusCode, url).toBe(404);
      expect((await ada.get(url)).statusCode, url).toBe(404);
    }
    expect((await item(ada, id, { paper: "2509.00002", action: "add" })).statusCode).toBe(404);
    expect((await ada.post(`/collections/${id}/delete`, { _csrf: csrf })).statusCode).toBe(404);
  });

  it("refuses names with controls, unpaired surrogates or noncharacters on create and rename, saying which", async () => {
    const ada = await signIn(t, "ada@example.org");
    const auth = await apiToken(ada);
    const made = await t.app.inject({
      method: "POST",
      url: "/api/collections",
      headers: auth,
      payload: { name: "📚 Lesezeichen für Ünïcode — 数学", public: true },
    });
    expect(made.statusCode).toBe(201);
    const { id } = made.json();
    for (const [name, codePoint] of FORBIDDEN_NAMES) {
      for (const [method, url] of [
        ["POST", "/api/collections"],
        ["PATCH", `/api/collections/${id}`],
      ] as const) {
        const response = await t.app.inject({ method, url, headers: auth, payload: { name } });
        expect(response.statusCode, `${method} ${JSON.stringify(name)}`).toBe(400);
        expect(response.json().error.message).toContain(`holds ${codePoint}.`);
      }
    }
    const csrf = csrfTokenIn((await ada.get("/collections")).body);
    const onPage = await ada.post("/collections", { name: "Bad \u0001 name \ufffe", _csrf: csrf });
    expect(onPage.statusCode).toBe(400);
    expect(onPage.body).toContain("cannot hold control characters");
    const tooLong = await t.app.inject({
      method: "PATCH",
      url: `/api/collections/${id}`,
      headers: auth,
      payload: { name: "x".repeat(101) },
    });
    expect(tooLong.statusCode).toBe(400);
    // Characters as people count them: 100 emoji fit (200 UTF-16 units), 101 do not.
    const emoji = (count: number) => ({ name: "📚".repeat(count) });
    const rename = (payload: { name: string }) =>
      t.app.inject({ method: "PATCH", url: `/api/collections/${id}`, headers: auth, payload });
    const hundred = await rename(emoji(100));
    expect(hundred.statusCode).toBe(200);
    const hundredAndOne = await rename(emoji(101));
    expect(hundredAndOne.statusCode).toBe(400);
    expect(hundredAndOne.json().error.message).toContain("at most 100 characters");
    // Nothing visible, or text turned around by a direction override, is no name.
    for (const [name, message] of [
      ["\u200b\u200b", "A collection needs a name."],
      ["\u200d \u0301", "A collection needs a name."],
      ["\u202egnp.exe", "holds U+202E."],
      ["Sneaky \u2066isolate", "holds U+2066."],
    ] as const) {
      const refused = await rename({ name });
      expect(refused.statusCode, JSON.stringify(name)).toBe(400);
      expect(refused.json().error.message).toContain(message);
    }
    await rename({ name: "📚 Lesezeichen für Ünïcode — 数学" });

    const mine = (await t.app.inject({ url: "/api/collections", headers: auth })).json();
    expect(mine.collections.map((c: { name: string }) => c.name)).toEqual([
      "📚 Lesezeichen für Ünïcode — 数学",
    ]);
    const feed = await t.app.inject(`/feeds/collection/${id}.atom`);
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain("📚 Lesezeichen für Ünïcode — 数学");
  });

  it("renames, publishes and deletes a collection through the API, for its owner only", async () => {
    const ada = await signIn(t, "ada@example.org");
    const bob = await signIn(t, "bob@example.org");
    const auth = await apiToken(ada);
    const bobAuth = await apiToken(bob);
    const { id } = (
      await t.app.inject({
        method: "POST",
        url: "/api/collections",
        headers: auth,
        payload: { name: "Scratch" },
      })
    ).json();
    await t.app.inject({
      method: "POST",
      url: `/api/collections/${id}/items`,
      headers: auth,
      payload: { paper: "2509.00002", action: "add" },
    });
    const patch = (headers: Record<string, string>, payload: Record<string, unknown>) =>
      t.app.inject({ method: "PATCH", url: `/api/collections/${id}`, headers, payload });

    const renamed = await patch(auth, { name: " Sorting papers " });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toEqual({
      id,
      name: "Sorting papers",
      public: false,
      papers: 1,
      hiddenByModerators: 0,
      links: { page: `/collections/${id}` },
    });
    expect((await t.app.inject(`/feeds/collection/${id}.rss`)).statusCode).toBe(404);
    const published = await patch(auth, { public: true });
    expect(published.json()).toMatchObject({ name: "Sorting papers", public: true });
    expect((await t.app.inject(`/feeds/collection/${id}.rss`)).body).toContain("Sorting papers");
    // A refused name changes nothing, not even the fields sent beside it.
    expect((await patch(auth, { name: "", public: false })).statusCode).toBe(400);
    expect((await patch(auth, {})).statusCode).toBe(400);
    expect((await t.app.inject(`/api/collections/${id}`)).json().collection).toMatchObject({
      name: "Sorting papers",
      public: true,
    });

    expect((await patch(bobAuth, { name: "Bob's now" })).statusCode).toBe(404);
    const bobDelete = await t.app.inject({
      method: "DELETE",
      url: `/api/collections/${id}`,
      headers: bobAuth,
    });
    expect(bobDelete.statusCode).toBe(404);
    expect(bobDelete.json().error.message).toBe("You have no collection with that id.");
    // A browser session writes only with its CSRF token, as for every other write.
    expect((await ada.api("DELETE", `/api/collections/${id}`)).statusCode).toBe(403);
    expect((await t.app.inject({ method: "DELETE", url: `/api/collections/${id}` })).statusCode).toBe(403);
    expect((await t.app.inject(`/api/collections/${id}`)).statusCode).toBe(200);

    const csrf = csrfTokenIn((await ada.get("/collections")).body);
    expect((await ada.api("DELETE", `/api/collections/${id}`, { "x-csrf-token": csrf })).statusCode).toBe(
      204,
    );
    for (const url of publicPlacesOf(id)) expect((await t.app.inject(url)).statusCode, url).toBe(404);
    expect((await t.app.inject({ url: "/api/collections", headers: auth })).json().collections).toEqual([]);
    expect(
      (await t.app.inject({ method: "DELETE", url: `/api/collections/${id}`, headers: auth })).statusCode,
    ).toBe(404);
    expect((await patch(auth, { name: "Back" })).statusCode).toBe(404);
  });
});
