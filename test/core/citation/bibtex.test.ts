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

  it("gives every entry of a list its own key", () => {
    const twin = toPaper(makePaperInput({ ...paper, id: "2509.09673" }));
    const parsed = parse(papersToBibtex([paper, twin, { ...twin, id: "2509.09674" }]));
    expect(parsed.entries.map((entry) => entry.key)).toEqual([
      "muller2025locality",
      "muller2025localitya",
      "muller2025localityb",
    ]);
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
        { given: "Juan de la", family: "Cruz" },
      ],
      issued: { "date-parts": [[2025, 9, 10]] },
      URL: "https://arxiv.org/abs/2509.09672",
      DOI: "10.1000/x_y",
    });
  });
});
