import { parse } from "@retorquere/bibtex-parser";
import { describe, expect, it } from "vitest";
import {
  citationKey,
  escapeBibtex,
  papersToBibtex,
  paperToBibtex,
} from "../../../src/core/citation/bibtex.js";
import { paperToCsl } from "../../../src/core/citation/csl-json.js";
import { toPaper } from "../../../src/core/merge-paper.js";
import { makePaperInput } from "../../support/paper-factory.js";

const paper = toPaper(
  makePaperInput({
    id: "2509.09672",
    title: "Locality & 50% of #tags_{x} ~ ^ \\ in $O(n^2)$ attention",
    authors: ["Jürgen Müller", "Ada Lovelace", "Juan de la Cruz"],
    categories: ["cs.LG", "stat.ML"],
    doi: "10.1000/x_y",
    journalRef: "NeurIPS 2025",
    publishedAt: "2025-09-10T12:00:00.000Z",
  }),
);

describe("BibTeX export", () => {
  it("parses back with a BibTeX parser: authors in order, special characters intact, arXiv eprint fields", () => {
    const parsed = parse(paperToBibtex(paper));
    expect(parsed.errors).toEqual([]);
    const [entry] = parsed.entries;
    expect(entry?.type).toBe("misc");
    expect(entry?.key).toBe("muller2025locality");
    expect(entry?.fields.author).toEqual([
      { firstName: "Jürgen", lastName: "Müller" },
      { firstName: "Ada", lastName: "Lovelace" },
      { firstName: "Juan", lastName: "Cruz", prefix: "de la" },
    ]);
    expect(entry?.fields.title).toContain("Locality & 50% of #tags_{x} ~ ^ \\ in ");
    expect(entry?.fields).toMatchObject({
      year: "2025",
      month: "9",
      eprint: "2509.09672",
      archiveprefix: "arXiv",
      primaryclass: "cs.LG",
      doi: "10.1000/x_y",
      note: "NeurIPS 2025",
      url: "https://arxiv.org/abs/2509.09672",
    });
  });

  it("keeps balanced math verbatim and escapes unbalanced dollars", () => {
    expect(escapeBibtex("in $O(n^2)$ time")).toBe("in $O(n^2)$ time");
    expect(escapeBibtex("costs $5")).toBe("costs \\$5");
    expect(escapeBibtex("bad $x}$ math")).toBe("bad \\$x\\}\\$ math");
    expect(escapeBibtex("a\n  wrapped   title")).toBe("a wrapped title");
  });

  it("escapes % in math, where it would still start a comment, once", () => {
    expect(escapeBibtex("top $5%$ and $a \\% b$ of $x$")).toBe("top $5\\%$ and $a \\% b$ of $x$");
    const parsed = parse(paperToBibtex({ ...paper, title: "Top $5%$ of {tokens}" }));
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries[0]?.fields).toMatchObject({ title: "Top 5% of {tokens}", year: "2025" });
  });

  it("keeps the TeX accents and letters arXiv titles carry, and escapes every other backslash", () => {
    for (const accented of [
      'Gr\\"obner',
      "Koll\\'ar",
      "Erd\\H{o}s",
      '{\\"o}',
      '\\"{u}',
      "\\^{e}",
      "\\`a",
      "\\~n",
      "\\={o}",
      "\\.{z}",
      "\\u{g}",
      "\\v{s}",
      "\\v s",
      "\\c{c}",
      "\\k{a}",
      "\\r{a}",
      "\\'{\\i}",
      "{\\ss}",
      "Stra\\ss{}e",
      "\\o{}",
      "{\\O}",
      "\\l",
      "{\\L}",
      "\\ae",
      "\\AE",
      "\\aa",
      "\\AA",
    ]) {
      expect(escapeBibtex(accented), accented).toBe(accented);
    }
    expect(escapeBibtex('\\emph{x} \\vs \\ok \\" o {\\"o')).toBe(
      '\\textbackslash{}emph\\{x\\} \\textbackslash{}vs \\textbackslash{}ok \\textbackslash{}" o \\{\\"o',
    );
    const parsed = parse(
      paperToBibtex({
        ...paper,
        title: "Gr\\\"obner bases after Koll\\'ar, {\\ss} and \\v{S}ar\\'{\\i}",
        authors: [],
      }),
      { sentenceCase: false },
    );
    expect(parsed.errors).toEqual([]);
    expect(String(parsed.entries[0]?.fields.title).normalize("NFC")).toBe(
      "Gröbner bases after Kollár, ß and Šarı́".normalize("NFC"),
    );
  });

  it("gives every entry of a list its own key", () => {
    const twin = toPaper(makePaperInput({ ...paper, id: "2509.09673" }));
    const parsed = parse(papersToBibtex([paper, twin, { ...twin, id: "2509.09674" }]));
    expect(parsed.entries.map((entry) => entry.key)).toEqual([
      "muller2025locality",
      "muller2025localitya",
      "muller2025localityb",
    ]);
  });

  it("never repeats a key, however many papers share it or whatever key a suffix spells", () => {
    const fast = (id: string, title = "Fast sorting") =>
      toPaper(makePaperInput({ ...paper, id, title, authors: ["Hans Müller"] }));
    const keys = parse(
      papersToBibtex([fast("2509.00003"), fast("2509.00002"), fast("2509.00004", "Fasta sorting")]),
    ).entries.map((entry) => entry.key);
    expect(keys).toEqual(["muller2025fastb", "muller2025fast", "muller2025fasta"]);

    const many = Array.from({ length: 60 }, (_, index) =>
      fast(`2509.${String(100 + index).padStart(5, "0")}`),
    );
    const manyKeys = parse(papersToBibtex(many)).entries.map((entry) => entry.key);
    expect(new Set(manyKeys).size).toBe(60);
    expect(manyKeys.slice(26, 30)).toEqual([
      "muller2025fastz",
      "muller2025fastaa",
      "muller2025fastab",
      "muller2025fastac",
    ]);
  });

  it("keys each paper alike whatever the list's order, as its own export does when its key is its own", () => {
    const papers = ["2509.00012", "2509.00011", "2509.00013"].map((id) =>
      toPaper(makePaperInput({ ...paper, id, title: "Fast sorting", authors: ["Hans Müller"] })),
    );
    const alone = toPaper(makePaperInput({ ...paper, id: "2509.00014", title: "Slow sorting" }));
    const keyed = (list: typeof papers) =>
      Object.fromEntries(
        parse(papersToBibtex(list)).entries.map((entry) => [entry.fields.eprint, entry.key]),
      );
    const forward = keyed([...papers, alone]);
    expect(keyed([alone, ...papers].reverse())).toEqual(forward);
    expect(forward).toEqual({
      "2509.00011": "muller2025fast",
      "2509.00012": "muller2025fasta",
      "2509.00013": "muller2025fastb",
      "2509.00014": citationKey(alone),
    });
    expect(paperToBibtex(alone)).toContain(`@misc{${citationKey(alone)},`);
  });

  it("reads name suffixes and particles: the key takes the surname, BibTeX gets each part", () => {
    const named = toPaper(
      makePaperInput({
        ...paper,
        title: "Fast lattices",
        authors: [
          "Hans Müller Jr.",
          "Anne-Marie van der Berg",
          "Seán O'Brien Jr",
          "Henry Ford III",
          "Ada Lovelace",
        ],
      }),
    );
    expect(citationKey(named)).toBe("muller2025fast");
    expect(paperToBibtex(named)).toContain(
      "author = {Müller, Jr., Hans and van der Berg, Anne-Marie and O'Brien, Jr, Seán and Ford, III, Henry and Lovelace, Ada}",
    );
    const parsed = parse(paperToBibtex(named));
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries[0]?.fields.author).toEqual([
      { firstName: "Hans", lastName: "Müller", suffix: "Jr." },
      { firstName: "Anne-Marie", lastName: "Berg", prefix: "van der" },
      { firstName: "Seán", lastName: "O'Brien", suffix: "Jr" },
      { firstName: "Henry", lastName: "Ford", suffix: "III" },
      { firstName: "Ada", lastName: "Lovelace" },
    ]);
    expect(citationKey({ ...named, authors: ["Anne-Marie van der Berg"] })).toBe("berg2025fast");
  });

  it("keys letters decomposition leaves whole by their base letters", () => {
    expect(citationKey({ ...paper, title: "Øre logic", authors: ["Jan Łukasiewicz"] })).toBe(
      "lukasiewicz2025ore",
    );
    expect(citationKey({ ...paper, title: "Þing", authors: ["Ævar Straße"] })).toBe("strasse2025thing");
  });

  it("keys papers without authors by their id", () => {
    expect(citationKey({ ...paper, id: "hep-th/9901001", authors: [] })).toBe("arXiv:hep-th_9901001");
    const parsed = parse(paperToBibtex({ ...paper, authors: [] }));
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries[0]?.fields.author).toBeUndefined();
  });
});

describe("CSL-JSON export", () => {
  it("names authors as given and family, dates the first version, and links arXiv", () => {
    expect(paperToCsl(paper)).toMatchObject({
      id: "arXiv:2509.09672",
      type: "article",
      author: [
        { given: "Jürgen", family: "Müller" },
        { given: "Ada", family: "Lovelace" },
        { given: "Juan", "non-dropping-particle": "de la", family: "Cruz" },
      ],
      issued: { "date-parts": [[2025, 9, 10]] },
      URL: "https://arxiv.org/abs/2509.09672",
      DOI: "10.1000/x_y",
    });
  });

  it("keeps suffixes and particles out of the family name, and one-word names literal", () => {
    const named = {
      ...paper,
      authors: [
        "Seán O'Brien Jr",
        "Anne-Marie van der Berg",
        "Hans Müller, Jr.",
        "Ludwig van Beethoven",
        "Plato",
      ],
    };
    expect(paperToCsl(named).author).toEqual([
      { given: "Seán", family: "O'Brien", suffix: "Jr" },
      { given: "Anne-Marie", "non-dropping-particle": "van der", family: "Berg" },
      { given: "Hans", family: "Müller", suffix: "Jr." },
      { given: "Ludwig", "non-dropping-particle": "van", family: "Beethoven" },
      { literal: "Plato" },
    ]);
  });
});
