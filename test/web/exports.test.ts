import { parse } from "@retorquere/bibtex-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePaperInput } from "../support/paper-factory.js";
import { buildTestApp, HOSTILE_STRINGS, type TestApp } from "./build-app.js";

describe("citation exports", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp([
      makePaperInput({ id: "2509.09672", title: "Locality in diffusion", authors: ["Ada Lovelace"] }),
      makePaperInput({ id: "hep-th/9901001", title: "Strings and diffusion", authors: ["Alan Turing"] }),
    ]);
  });
  afterAll(() => t.close());

  it("exports one paper as BibTeX and CSL-JSON, old-style ids included", async () => {
    const bib = await t.app.inject("/export/hep-th/9901001.bib");
    expect(bib.statusCode).toBe(200);
    expect(bib.headers["content-type"]).toBe("application/x-bibtex; charset=utf-8");
    expect(parse(bib.body).entries[0]?.fields.eprint).toBe("hep-th/9901001");
    const csl = await t.app.inject("/export/2509.09672v2.csl.json");
    expect(csl.statusCode).toBe(200);
    expect(csl.json()).toMatchObject([{ id: "arXiv:2509.09672", title: "Locality in diffusion" }]);
  });

  it("exports a search result page in its order, and the pages link their exports", async () => {
    const bib = await t.app.inject("/export/search.bib?q=diffusion&sort=date");
    const keys = parse(bib.body).entries.map((entry) => entry.fields.eprint);
    expect(keys).toEqual(["2509.09672", "hep-th/9901001"]);
    expect((await t.app.inject("/search?q=diffusion")).body).toContain(
      'href="/export/search.bib?q=diffusion"',
    );
    expect((await t.app.inject("/papers/2509.09672")).body).toContain('href="/export/2509.09672.bib"');
  });

  it("answers unknown papers, other endings and hostile input without a 5xx", async () => {
    expect((await t.app.inject("/export/2509.99999.bib")).statusCode).toBe(404);
    expect((await t.app.inject("/export/2509.09672.pdf")).statusCode).toBe(404);
    expect((await t.app.inject("/export/search.bib")).statusCode).toBe(400);
    expect((await t.app.inject("/export/search.bib?q=locality&page=Infinity")).statusCode).toBe(400);
    for (const text of HOSTILE_STRINGS) {
      const value = encodeURIComponent(text);
      for (const url of [`/export/${value}.bib`, `/export/search.csl.json?q=${value}`]) {
        expect((await t.app.inject(url)).statusCode, url.slice(0, 60)).toBeLessThan(500);
      }
    }
  });
});
