import { parse } from "@retorquere/bibtex-parser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makePaperInput } from "../../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "../build-app.js";
import { type BrowserSession, csrfTokenIn, signIn, signInWithRole } from "./browser-session.js";

const HOSTILE_NAME = '<script>alert("c")</script>Reading list';

describe("collections through HTTP", () => {
  let t: CommunityTestApp;
  beforeEach(async () => {
    t = await buildCommunityTestApp([
      makePaperInput({
        id: "2509.00001",
        title: "Diffusion models for locality",
        abstract: "About diffusion.",
      }),
      makePaperInput({ id: "2509.00002", title: "Transformers learn sorting", abstract: "About sorting." }),
      makePaperInput({ id: "hep-th/9901001", title: "Strings and diffusion", listingDay: "1999-01-04" }),
    ]);
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

    const publicPlaces = [
      `/collections/${id}`,
      `/feeds/collection/${id}.rss`,
      `/feeds/collection/${id}.atom`,
      `/collections/${id}/citations.bib`,
      `/collections/${id}/citations.csl.json`,
      `/api/collections/${id}`,
    ];
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
    const ada = await signIn(t, "ada@example.org");
    const created = await ada.post("/me/tokens", {
      name: "cli",
      _csrf: csrfTokenIn((await ada.get("/me")).body),
    });
    const token = /class="new-token">([^<]+)</.exec(created.body)?.[1] ?? "";
    const auth = { authorization: `Bearer ${token}` };
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
});
