import { describe, expect, it } from "vitest";
import { PAPER_LIMITS } from "../../src/core/paper.js";
import { arxivCategoriesOf } from "../../src/ingest/arxiv-categories.js";
import { draftOf } from "../../src/ingest/formats/record-format.js";
import {
  collapseWhitespace,
  normaliseAbstract,
  normalisePaper,
  type PaperDraft,
} from "../../src/ingest/normalise.js";

const base = { id: "2509.09672", title: "A title", abstract: "An abstract.", listingDay: "2025-09-11" };

function draft(fields: Partial<PaperDraft> = {}): PaperDraft {
  return draftOf({ ...base, ...fields });
}

describe("whitespace", () => {
  it("collapses hard-wrapped titles", () => {
    expect(collapseWhitespace("Calculation of prompt diphoton\n  production  cross\tsections ")).toBe(
      "Calculation of prompt diphoton production cross sections",
    );
  });

  it("joins wrapped abstract lines and keeps arXiv's indented paragraph breaks", () => {
    const raw = "  First line\nwraps here.\n  Second paragraph\nalso wraps.\n\n\nThird.\n";
    expect(normaliseAbstract(raw)).toBe("First line wraps here.\n\nSecond paragraph also wraps.\n\nThird.");
  });

  it("turns control characters into spaces: a NUL byte cannot be stored in PostgreSQL", () => {
    expect(collapseWhitespace("Nul\u0000 byte and \u001b[31mred\u001b[0m\u007f title\u0000")).toBe(
      "Nul byte and [31mred [0m title",
    );
    expect(normaliseAbstract("One\u0000\nline.\n  Two\u0007 \u0008lines.")).toBe("One line.\n\nTwo lines.");
    const paper = normalisePaper(
      draft({ title: "T\u0000", authors: ["Ada\u0000 Lovelace"], comments: "\u0000" }),
    );
    expect(paper).toMatchObject({ title: "T", authors: ["Ada Lovelace"], comments: null });
  });

  it("turns noncharacters and lone surrogates into spaces: XML cannot hold U+FFFE, U+FFFF or a surrogate", () => {
    expect(collapseWhitespace("Bad \ufffe name\uffff \ufdd0x\u{1fffe}y\u{10ffff}")).toBe("Bad name x y");
    expect(collapseWhitespace("Lone \ud800 high, lone\udc00low, paired \u{1f600} kept")).toBe(
      "Lone high, lone low, paired \u{1f600} kept",
    );
    const paper = normalisePaper(
      draft({
        title: "T\ufffe",
        abstract: "One\uffff\n  Two",
        authors: ["Zoë\ufffe Quill"],
        comments: "\ufffe",
      }),
    );
    expect(paper).toMatchObject({
      title: "T",
      abstract: "One\n\nTwo",
      authors: ["Zoë Quill"],
      comments: null,
    });
  });

  it("is idempotent", () => {
    const once = normaliseAbstract("One\nline.\n  Two\r\nlines.");
    expect(normaliseAbstract(once)).toBe(once);
    const paper = normalisePaper(draft({ abstract: "A\n  B", title: "T\n  U" }));
    expect(normalisePaper(paper)).toEqual(paper);
  });
});

describe("categories", () => {
  it("keeps arXiv codes in order and drops ACM, MSC and junk codes", () => {
    expect(
      arxivCategoriesOf([
        "cs.CV",
        "I.2.7",
        "68T45 (Machine vision and scene understanding)",
        "q-bio.NC",
        "none",
        "cs.CV",
      ]),
    ).toEqual(["cs.CV", "q-bio.NC"]);
    expect(arxivCategoriesOf(["hep-th math.AG stat.ML", "I.4.2; E.4", "cond-mat.stat-mech"])).toEqual([
      "hep-th",
      "math.AG",
      "stat.ML",
      "cond-mat.stat-mech",
    ]);
    expect(arxivCategoriesOf(["cs.lg", "CS.LG", "math.XX", "cmp-lg"])).toEqual(["cmp-lg"]);
  });
});

describe("normalisePaper", () => {
  it("normalises the id and records the version it carries", () => {
    const paper = normalisePaper(
      draft({ id: "arXiv:2509.09672v3", versions: [{ version: 1, createdAt: null }] }),
    );
    expect(paper.id).toBe("2509.09672");
    expect(paper.versions).toEqual([
      { version: 1, createdAt: null },
      { version: 3, createdAt: null },
    ]);
  });

  it("writes TeX accents in titles and abstracts as letters, leaving math and other braces as they are", () => {
    const paper = normalisePaper(
      draft({
        title: String.raw`Gr\"obner bases for {\'E}cole \v{s}ums of {BERT} in $\ddot{x}=\"a$`,
        abstract: String.raw`Koll\'ar's {\ss}-test, \c c and \"{\i}; {\o}ther \L{}ukasiewicz {\aa} \^o\~n. $\'e$ stays.`,
      }),
    );
    expect(paper.title).toBe(String.raw`Gröbner bases for École šums of {BERT} in $\ddot{x}=\"a$`);
    expect(paper.abstract).toBe(String.raw`Kollár's ß-test, ç and ï; øther Łukasiewicz å ôñ. $\'e$ stays.`);
  });

  it("sorts and de-duplicates versions, keeping known dates, and dates v1 as published", () => {
    const paper = normalisePaper(
      draft({
        listingDay: null,
        versions: [
          { version: 2, createdAt: null },
          { version: 1, createdAt: "2007-04-02T19:18:42Z" },
          { version: 2, createdAt: "2007-07-24T20:10:27.000Z" },
        ],
      }),
    );
    expect(paper.versions).toEqual([
      { version: 1, createdAt: "2007-04-02T19:18:42.000Z" },
      { version: 2, createdAt: "2007-07-24T20:10:27.000Z" },
    ]);
    expect(paper.publishedAt).toBe("2007-04-02T19:18:42.000Z");
  });

  it("leaves a record without any date undated (the store files it under its id's month)", () => {
    expect(normalisePaper(draft({ id: "2504.05410", listingDay: null }))).toMatchObject({
      publishedAt: null,
      listingDay: null,
    });
  });

  it("counts authors from names, else keeps the source's count", () => {
    expect(normalisePaper(draft({ authors: [" Ana  Lopez ", "", "Bo Chen"] }))).toMatchObject({
      authors: ["Ana Lopez", "Bo Chen"],
      authorCount: 2,
    });
    expect(normalisePaper(draft({ authorCount: 4 })).authorCount).toBe(4);
  });

  it("splits an entry of names glued with 'and' (as in arXiv's listing of 2506.02197)", () => {
    const glued = `${Array.from({ length: 40 }, (_, i) => `Author Number${String.fromCharCode(97 + (i % 26))}`).join("and ")}and`;
    const paper = normalisePaper(draft({ authors: ["Marcos V. Conde", glued] }));
    expect(paper.authors).toHaveLength(41);
    expect(paper.authors[1]).toBe("Author Numbera");
  });

  it("turns blank optional text into null", () => {
    const paper = normalisePaper(draft({ comments: "  ", doi: "10.1/x\n" }));
    expect(paper.comments).toBeNull();
    expect(paper.doi).toBe("10.1/x");
  });

  const rejects: [string, Partial<PaperDraft>, RegExp][] = [
    ["an invalid id", { id: "not-an-id" }, /invalid arXiv id "not-an-id"/],
    ["an impossible new-style id", { id: "0613.1234" }, /invalid arXiv id/],
    ["an empty title", { title: " \n " }, /empty title/],
    ["an empty abstract", { abstract: "" }, /empty abstract/],
    [
      "a huge title",
      { title: "x".repeat(PAPER_LIMITS.titleChars + 1) },
      /title is 1,001 characters \(limit 1,000\)/,
    ],
    [
      "a huge abstract",
      { abstract: "x ".repeat(PAPER_LIMITS.abstractChars) },
      /abstract is .* \(limit 10,000\)/,
    ],
    [
      "too many authors",
      { authors: Array.from({ length: PAPER_LIMITS.authors + 1 }, () => "A B") },
      /5,001 authors/,
    ],
    ["an absurd author name", { authors: ["x".repeat(400)] }, /longer than 300 characters/],
    ["a negative author count", { authorCount: -1 }, /author count/],
    [
      "a huge comment",
      { comments: "c".repeat(PAPER_LIMITS.commentChars + 1) },
      /comments is 2,001 characters/,
    ],
    ["a bad version number", { versions: [{ version: 0, createdAt: null }] }, /invalid version number 0/],
    [
      "a bad version date",
      { versions: [{ version: 1, createdAt: "yesterday" }] },
      /v1 date.*not an ISO-8601/,
    ],
    ["a bad listing day", { listingDay: "2025-02-30" }, /listing day.*not a YYYY-MM-DD day/],
    ["a listing day in the future", { listingDay: "2999-01-01" }, /listing day.*in the future/],
    [
      "a published date in the future",
      { publishedAt: "2999-01-01T00:00:00Z" },
      /published date.*in the future/,
    ],
    ["negative upvotes", { upvotes: -3 }, /upvotes/],
  ];
  it.each(rejects)("rejects %s with a reason", (_name, fields, reason) => {
    expect(() => normalisePaper(draft(fields))).toThrow(reason);
  });
});
