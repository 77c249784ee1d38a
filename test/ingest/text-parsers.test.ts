import { describe, expect, it } from "vitest";
import { nameFromParts, splitAuthorString } from "../../src/ingest/author-names.js";
import { parsePythonStringList } from "../../src/ingest/python-list.js";
import { texToUnicode } from "../../src/ingest/tex-accents.js";

describe("parsePythonStringList", () => {
  it("reads single- and double-quoted items with escapes", () => {
    expect(
      parsePythonStringList(`['Ana Lopez', "D'Angelo Rossi", 'O\\'Neil', 'J\\xf6rg', 'Zo\\u00eb',]`),
    ).toEqual(["Ana Lopez", "D'Angelo Rossi", "O'Neil", "Jörg", "Zoë"]);
    expect(parsePythonStringList(" [ ] ")).toEqual([]);
  });

  it.each([
    ["a bare string", "Ana Lopez, Bo Chen"],
    ["an unterminated string", "['Ana"],
    ["numbers", "[1, 2]"],
    ["trailing text", "['Ana'] extra"],
    ["a missing comma", "['Ana' 'Bo']"],
  ])("rejects %s", (_name, text) => {
    expect(() => parsePythonStringList(text)).toThrow(/not a list of names/);
  });
});

describe("author names", () => {
  it("decodes TeX accents and special letters", () => {
    expect(
      texToUnicode(
        `C. Bal\\'azs, A. M\\"{u}ller, J. {\\v S}ime\\v{c}ek, \\c{C}elik, G\\"odel, {\\o}stergaard, Stra\\ss e`,
      ),
    ).toBe("C. Balázs, A. Müller, J. Šimeček, Çelik, Gödel, østergaard, Straße");
    expect(texToUnicode("Plain {Name}")).toBe("Plain Name");
  });

  it("splits 'A, B and C' and drops affiliations", () => {
    expect(splitAuthorString("C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan")).toEqual([
      "C. Balázs",
      "E. L. Berger",
      "P. M. Nadolsky",
      "C.-P. Yuan",
    ]);
    expect(splitAuthorString("Ileana Streinu and Louis Theran")).toEqual(["Ileana Streinu", "Louis Theran"]);
    expect(splitAuthorString("A. One (1), B. Two (2), and C. Three ((1) MIT, (2) CMU)")).toEqual([
      "A. One",
      "B. Two",
      "C. Three",
    ]);
    expect(
      splitAuthorString(String.raw`Hans M\"uller, Jr., Ada Lovelace, J. Smith III and B. Jones, Sr.`),
    ).toEqual(["Hans Müller Jr.", "Ada Lovelace", "J. Smith III", "B. Jones Sr."]);
  });

  it("orders authors_parsed parts as First Last Suffix", () => {
    expect(nameFromParts(["Smith", "John", "Jr"])).toBe("John Smith Jr");
    expect(nameFromParts(["Bal\\'azs", "C.", ""])).toBe("C. Balázs");
    expect(nameFromParts(["Collaboration", "", ""])).toBe("Collaboration");
  });
});
