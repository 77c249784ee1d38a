import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/core/paper.js";
import { toExportLine } from "../../src/ingest/formats/paperpulse-export.js";
import { parsePaperLine } from "../../src/ingest/parse-paper-line.js";
import { ARXIVER_DIR, DAILY_DIR, FIXTURES, firstLines, REPO_ROOT, SHARED_DATA } from "./helpers.js";

function parse(line: string) {
  return parsePaperLine(line);
}

describe("arXiv daily listing scrapes", () => {
  it("reads a real record", () => {
    const [line] = firstLines(path.join(DAILY_DIR, "papers/2025-04.jsonl.gz"), 1);
    const { paper, format } = parse(line!);
    expect(format).toBe("arxiv-daily");
    expect(paper).toMatchObject({
      id: "2503.22692",
      title: "Enhancing Aviation Communication Transcription: Fine-Tuning Distil-Whisper with LoRA",
      authors: ["Shokoufeh Mirzaei", "Jesse Arzate", "Yukti Vijay"],
      authorCount: 3,
      categories: ["eess.AS", "cs.AI", "cs.CL", "cs.LG"],
      comments: "14 pages, 4 Figures, 4 Tables, Under review by Journal of Aerospace Information Systems",
      listingDay: "2025-04-01",
      publishedAt: null,
      versions: [],
    });
    expect(paper.abstract).toMatch(
      /^Transcription of aviation communications has several applications, from assisting/,
    );
    expect(paper.abstract).not.toContain("\n");
  });

  it("parses authors written as a Python list string, never storing it raw", () => {
    const line = JSON.stringify({
      id: "2509.00001",
      title: "T",
      abstract: "A",
      authors: `['Ana Lopez', "D'Angelo Rossi", 'Zo\\u00eb Smith']`,
      categories: ["cs.CL", "I.2.7", "68T50"],
      comment: null,
      first_listed: "2025-09-02",
    });
    const { paper } = parse(line);
    expect(paper.authors).toEqual(["Ana Lopez", "D'Angelo Rossi", "Zoë Smith"]);
    expect(paper.categories).toEqual(["cs.CL"]);
  });

  it("rejects a broken Python list instead of storing it", () => {
    const line = JSON.stringify({
      id: "2509.00001",
      title: "T",
      abstract: "A",
      authors: "['Ana",
      first_listed: "2025-09-02",
    });
    expect(() => parse(line)).toThrow(/not a list of names/);
  });
});

describe("arXiv API crawl (arxiver)", () => {
  it("reads an old-style id, with the primary category first and v1 dated", () => {
    const [line] = firstLines(path.join(ARXIVER_DIR, "papers/pre2013.jsonl.gz"), 1);
    const { paper, format } = parse(line!);
    expect(format).toBe("arxiv-api");
    expect(paper).toMatchObject({
      id: "cond-mat/9909265",
      authors: [],
      authorCount: null,
      categories: ["cond-mat.stat-mech", "cond-mat.dis-nn", "q-fin.TR"],
      versions: [{ version: 1, createdAt: "1999-09-17T14:39:02.000Z" }],
      publishedAt: "1999-09-17T14:39:02.000Z",
      listingDay: null,
    });
  });

  it("lists v1 with its date and the latest version without one", () => {
    const [line] = firstLines(path.join(ARXIVER_DIR, "papers/2016.jsonl.gz"), 1);
    const { paper } = parse(line!);
    expect(paper.id).toBe("1601.00087");
    expect(paper.versions).toEqual([
      { version: 1, createdAt: "2016-01-01T15:42:27.000Z" },
      { version: 3, createdAt: null },
    ]);
    expect(paper.title).toBe("Sentiment/Subjectivity Analysis Survey for Languages other than English");
  });
});

describe("arXiv metadata snapshot (hand-made fixture, see fixtures/README.md)", () => {
  const lines = firstLines(path.join(FIXTURES, "arxiv-snapshot-sample.jsonl"), 3);

  it("prefers authors_parsed, reads versions and the space-separated categories", () => {
    const { paper, format } = parse(lines[0]!);
    expect(format).toBe("arxiv-snapshot");
    expect(paper).toMatchObject({
      id: "0704.0001",
      title: "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies",
      authors: ["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C. -P. Yuan"],
      categories: ["hep-ph"],
      journalRef: "Phys.Rev.D76:013009,2007",
      doi: "10.1103/PhysRevD.76.013009",
      submitter: "Pavel Nadolsky",
      versions: [
        { version: 1, createdAt: "2007-04-02T19:18:42.000Z" },
        { version: 2, createdAt: "2007-07-24T20:10:27.000Z" },
      ],
      publishedAt: "2007-04-02T19:18:42.000Z",
    });
    expect(paper.abstract.split("\n\n")).toHaveLength(2);
    expect(parse(lines[1]!).paper.categories).toEqual(["math.CO", "cs.CG"]);
  });

  it("falls back to the authors string, dropping affiliations and MSC codes", () => {
    const { paper } = parse(lines[2]!);
    expect(paper.id).toBe("hep-th/9901001");
    expect(paper.authors).toEqual(["J. Doe", "R. Roe Jr", "A. Müller"]);
    expect(paper.categories).toEqual(["hep-th", "math.AG"]);
  });
});

describe("arXiv .abs sample", () => {
  it("reads a real record", () => {
    const [line] = firstLines(path.join(SHARED_DATA, "arxiv-abs-0704-sample/papers.jsonl.gz"), 1);
    const { paper, format } = parse(line!);
    expect(format).toBe("arxiv-abs");
    expect(paper).toMatchObject({
      id: "0704.0001",
      authors: ["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"],
      versions: [
        { version: 1, createdAt: "2007-04-02T19:18:42.000Z" },
        { version: 2, createdAt: "2007-07-24T20:10:27.000Z" },
      ],
      journalRef: "Phys.Rev.D76:013009,2007",
    });
  });
});

describe("demo seed", () => {
  const lines = firstLines(path.join(REPO_ROOT, "demo/seed-papers.jsonl"), 38);

  it("takes the paper's date, the count and upvotes from the file, listed on the seed page's day", () => {
    const { paper, format } = parse(lines[0]!);
    expect(format).toBe("demo-seed");
    expect(paper).toMatchObject({
      id: "2509.09672",
      authors: [],
      authorCount: 4,
      publishedAt: "2025-09-11T00:00:00.000Z",
      listingDay: "2025-12-11",
      upvotes: 2,
    });
  });

  it("leaves rank 29, which has no date on the page, without a date of its own", () => {
    const { paper } = parse(lines[28]!);
    expect(paper).toMatchObject({
      id: "2504.05410",
      authorCount: null,
      upvotes: 0,
      listingDay: "2025-12-11",
      publishedAt: null,
    });
  });
});

describe("PaperPulse export lines", () => {
  const paper: Paper = {
    id: "2509.09672",
    title: "Locality in Image Diffusion Models",
    abstract: "One.\n\nTwo.",
    authors: ["Ana Lopez"],
    authorCount: 1,
    categories: ["cs.CV", "cs.LG"],
    comments: "10 pages",
    journalRef: null,
    doi: null,
    license: null,
    submitter: null,
    versions: [{ version: 1, createdAt: "2025-09-10T12:00:00.000Z" }],
    publishedAt: "2025-09-10T12:00:00.000Z",
    listingDay: "2025-09-11",
    upvotes: 7,
    day: "2025-09-11",
    latestVersion: 1,
  };

  it("reads back exactly what was written", () => {
    const { paper: read, format } = parse(JSON.stringify(toExportLine(paper)));
    expect(format).toBe("paperpulse-export");
    const { day: _day, latestVersion: _latest, ...input } = paper;
    expect(read).toEqual(input);
  });

  it("rejects a newer export format by name", () => {
    expect(() => parse(JSON.stringify({ ...toExportLine(paper), format: "paperpulse/2" }))).toThrow(
      /unsupported export format "paperpulse\/2"/,
    );
  });
});

describe("line rejects", () => {
  it.each([
    ["bad JSON", "{not json", /not valid JSON/],
    [
      "a JSON array",
      "[1, 2]",
      /^not a JSON object but an array \(import reads JSON Lines: one paper object per line\)$/,
    ],
    [
      "a pretty-printed file's first line",
      "[",
      /^not valid JSON: a line of just "\[" starts a pretty-printed file/,
    ],
    [
      "a pretty-printed object's first line",
      " {",
      /^not valid JSON: a line of just "\{" starts a pretty-printed file/,
    ],
    ["a scalar", "42", /^not a JSON object$/],
    [
      "an unknown shape",
      JSON.stringify({ foo: 1 }),
      /unrecognised record: not one of paperpulse-export, demo-seed/,
    ],
    [
      "a missing title",
      JSON.stringify({ id: "2509.00001", abstract: "A", first_listed: "2025-09-02" }),
      /missing "title"/,
    ],
    [
      "a wrong type",
      JSON.stringify({
        id: "2509.00001",
        title: "T",
        abstract: "A",
        authors: [1],
        first_listed: "2025-09-02",
      }),
      /"authors" must hold strings, found a number/,
    ],
    [
      "a numeric id",
      JSON.stringify({ id: 2509.00001, title: "T", abstract: "A", first_listed: "2025-09-02" }),
      /"id" must be a string, got a number/,
    ],
    [
      "a bad date",
      JSON.stringify({
        id: "2509.00001",
        version: 1,
        title: "T",
        abstract: "A",
        primary_category: "cs.LG",
        published: "soon",
      }),
      /"published" is not a UTC date-time: soon/,
    ],
  ])("rejects %s with a reason", (_name, line, reason) => {
    expect(() => parse(line)).toThrow(reason);
  });
});
