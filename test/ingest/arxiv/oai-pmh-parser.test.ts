import fs from "node:fs";
import { describe, expect, it } from "vitest";
import {
  MalformedResponse,
  type OaiRecord,
  type OaiResponse,
  parseOaiResponse,
} from "../../../src/ingest/arxiv/oai-pmh-parser.js";
import { handWrittenPage, RECORDED_OAI, recordedPage } from "./oai-pmh-fixtures.js";

function records(response: OaiResponse): OaiRecord[] {
  if (response.kind !== "records") throw new Error(`expected records, got ${JSON.stringify(response)}`);
  return response.records;
}

function papers(response: OaiResponse) {
  return records(response).flatMap((record) => (record.status === "paper" ? [record.paper] : []));
}

/** What each recorded file holds (SOURCE.md; sample_arxiv_record.xml is 12 records under GetRecord). */
const RECORDED: Record<string, { ids: string[]; rejected?: string[] }> = {
  "arxiv-physics-hep-ex.xml": { ids: ["1706.05371", "1706.09418", "1707.00874"] },
  "arxiv-physics-hep-th.xml": { ids: ["1412.8323", "1507.07790", "1607.01710"] },
  "arxiv-single.xml": { ids: ["1401.2122"] },
  "sample_arxiv_record.xml": {
    ids: [
      "1601.03238",
      "1512.07978",
      "1603.00997",
      "1603.01251",
      "1603.05976",
      "1604.05585",
      "1606.06775",
      "1606.07538",
      "1607.00786",
      "1606.04259",
      "1808.04927",
    ],
    rejected: ["oai:arXiv.org:1606.07066"],
  },
  "sample_arxiv_record0.xml": { ids: ["1601.03238"] },
  "sample_arxiv_record1.xml": { ids: ["1512.07978"] },
  "sample_arxiv_record2.xml": { ids: ["1603.00997"] },
  "sample_arxiv_record3.xml": { ids: ["1603.01251"] },
  "sample_arxiv_record4.xml": { ids: ["1603.05976"] },
  "sample_arxiv_record5.xml": { ids: ["1604.05585"] },
  "sample_arxiv_record6.xml": { ids: ["1606.06775"] },
  "sample_arxiv_record7.xml": { ids: [], rejected: ["oai:arXiv.org:1606.07066"] },
  "sample_arxiv_record8.xml": { ids: ["1606.07538"] },
  "sample_arxiv_record9.xml": { ids: ["1607.00786"] },
  "sample_arxiv_record10.xml": { ids: ["1606.04259"] },
};

describe("parseOaiResponse on the recorded arXiv-format responses", () => {
  it("knows every recorded file", () => {
    const files = fs.readdirSync(RECORDED_OAI).filter((name) => name.endsWith(".xml"));
    expect(files.sort()).toEqual(Object.keys(RECORDED).sort());
  });

  it.each(Object.entries(RECORDED))("%s: papers and rejects as expected", (file, expected) => {
    const response = parseOaiResponse(recordedPage(file), "arXiv");
    expect(papers(response).map((paper) => paper.id)).toEqual(expected.ids);
    const rejected = records(response).flatMap((r) => (r.status === "rejected" ? [r.identifier] : []));
    expect(rejected).toEqual(expected.rejected ?? []);
    if (response.kind === "records") expect(response.resumption).toBeNull();
  });

  it("reads every field of a GetRecord answer (arxiv-single.xml)", () => {
    const response = parseOaiResponse(recordedPage("arxiv-single.xml"), "arXiv");
    expect(response.responseDate).toBe("2018-01-26T09:05:29Z");
    const [record] = records(response);
    expect(record).toMatchObject({
      status: "paper",
      header: {
        identifier: "oai:arXiv.org:1401.2122",
        datestamp: "2018-01-25",
        setSpecs: ["math", "physics:hep-th", "physics:math-ph", "physics:nlin"],
      },
    });
    const [paper] = papers(response);
    expect(paper).toEqual({
      id: "1401.2122",
      title: "New integrable (3+1)-dimensional systems and contact geometry",
      abstract: expect.stringMatching(
        /^We introduce a novel systematic construction .* contact vector fields\.\n\nIn particular/s,
      ),
      authors: ["A. Sergyeyev"],
      authorCount: 1,
      categories: ["math.AP", "hep-th", "math-ph", "math.DG", "math.MP", "nlin.SI"],
      comments: expect.stringMatching(
        /^16 pages, LaTeX, no figures, revised and abridged, in this version \(v5\)/,
      ),
      journalRef: "Lett. Math. Phys. 108 (2018), no. 2, 359-376",
      doi: "10.1007/s11005-017-1013-4",
      license: "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
      submitter: null,
      // The arXiv format has no version list: v1 is `created`, as a day.
      versions: [{ version: 1, createdAt: "2014-01-09T00:00:00.000Z" }],
      publishedAt: "2014-01-09T00:00:00.000Z",
      listingDay: null,
      upvotes: 0,
    });
  });

  it("joins keyname, forenames and suffix, and drops arXiv's punctuation-only author entries", () => {
    const [paper] = papers(parseOaiResponse(recordedPage("sample_arxiv_record4.xml"), "arXiv"));
    // The record lists 66 <author> entries; one is just ":" (left by arXiv's own name splitter).
    expect(paper!.authors).toHaveLength(65);
    expect(paper!.authors.slice(0, 4)).toEqual(["Keck Array", "BICEP2 Collaborations", "P. Ade", "Z. Ahmed"]);
    expect(paper!.authors).toContain("R. W. IV");
  });

  it("reports a hand-edited record with two <keyname>s in one author and keeps the rest of the page", () => {
    const response = parseOaiResponse(recordedPage("sample_arxiv_record.xml"), "arXiv");
    expect(records(response).find((r) => r.status === "rejected")).toEqual({
      status: "rejected",
      identifier: "oai:arXiv.org:1606.07066",
      reason: "<keyname> appears 2 times",
    });
  });
});

// The pages below are hand-written (test/ingest/fixtures/oai-pmh/README.md): no recorded page with a
// resumptionToken or in the arXivRaw format exists.
describe("parseOaiResponse on hand-written pages", () => {
  it("reads a resumption token with its list size and cursor", () => {
    const response = parseOaiResponse(handWrittenPage("list-page-1.xml"), "arXiv");
    expect(response).toMatchObject({
      kind: "records",
      resumption: { token: "6960524|1001", completeListSize: 9, cursor: 0 },
    });
    const [first] = papers(response);
    expect(first).toMatchObject({
      title: "Sparse Attention for Long Documents",
      abstract:
        "We study sparse attention for long documents.\n\nA second paragraph & an ampersand, with x < y.",
      authors: ["Csaba Balázs", "Pavel M. Nadolsky Jr"],
      categories: ["cs.CL", "cs.LG"],
    });
  });

  it("treats an empty token as the last page", () => {
    const response = parseOaiResponse(handWrittenPage("list-page-3.xml"), "arXiv");
    expect(response).toMatchObject({ resumption: { token: null, completeListSize: 9, cursor: 7 } });
  });

  it("reports deleted records and invalid ones (identifier and reason) and keeps the rest", () => {
    const response = parseOaiResponse(handWrittenPage("list-page-2.xml"), "arXiv");
    expect(records(response).map((r) => r.status)).toEqual(["paper", "deleted", "rejected", "paper"]);
    expect(records(response)[1]).toEqual({
      status: "deleted",
      header: { identifier: "oai:arXiv.org:2412.99999", datestamp: "2025-01-07", setSpecs: ["cs"] },
    });
    expect(records(response)[2]).toEqual({
      status: "rejected",
      identifier: "oai:arXiv.org:2501.00005",
      reason: "missing <title>",
    });
  });

  it("reads arXivRaw: full version history, submitter, the authors string", () => {
    const response = parseOaiResponse(handWrittenPage("arxivraw-page.xml"), "arXivRaw");
    expect(records(response).map((r) => r.status)).toEqual(["paper", "paper", "rejected", "deleted"]);
    const [first, second] = papers(response);
    expect(first).toMatchObject({
      id: "0704.0001",
      submitter: "Pavel Nadolsky",
      authors: ["C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"],
      title: "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies",
      categories: ["hep-ph"],
      journalRef: "Phys.Rev.D76:013009,2007",
      versions: [
        { version: 1, createdAt: "2007-04-02T19:18:42.000Z" },
        { version: 2, createdAt: "2007-07-24T20:10:27.000Z" },
      ],
      publishedAt: "2007-04-02T19:18:42.000Z",
    });
    expect(second).toMatchObject({ id: "2501.00003", authors: ["Alan Turing", "Grace Hopper"] });
    expect(second!.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(records(response)[2]).toEqual({
      status: "rejected",
      identifier: "oai:arXiv.org:2501.00009",
      reason: '<version> label must look like v1, got "first"',
    });
  });

  it("reports records in another format than the one asked for", () => {
    const [record] = records(parseOaiResponse(recordedPage("arxiv-single.xml"), "arXivRaw"));
    expect(record).toEqual({
      status: "rejected",
      identifier: "oai:arXiv.org:1401.2122",
      reason: "no <arXivRaw> metadata (found <arXiv>)",
    });
  });

  it("rejects a record whose header and metadata name different papers", () => {
    const xml = handWrittenPage("list-page-3.xml").replace(
      "<identifier>oai:arXiv.org:2501.00008</identifier>",
      "<identifier>oai:arXiv.org:2501.00018</identifier>",
    );
    const rejected = records(parseOaiResponse(xml, "arXiv")).filter((r) => r.status === "rejected");
    expect(rejected).toEqual([
      {
        status: "rejected",
        identifier: "oai:arXiv.org:2501.00018",
        reason: "header identifier oai:arXiv.org:2501.00018 does not match metadata id 2501.00008",
      },
    ]);
  });

  it.each([
    ["no-records-match.xml", [{ code: "noRecordsMatch", message: "No records match the request" }]],
    [
      "bad-resumption-token.xml",
      [
        {
          code: "badResumptionToken",
          message: "The value of the resumptionToken argument is invalid or expired.",
        },
      ],
    ],
    [
      "bad-argument.xml",
      [
        { code: "badArgument", message: "Illegal argument: set=nonsense" },
        { code: "noSetHierarchy", message: "This repository has no set nonsense" },
      ],
    ],
  ])("%s: protocol errors", (file, errors) => {
    expect(parseOaiResponse(handWrittenPage(file), "arXiv")).toEqual({
      kind: "error",
      responseDate: expect.any(String),
      errors,
    });
  });
});

describe("parseOaiResponse on broken bodies", () => {
  const page = handWrittenPage("list-page-1.xml");

  it.each([100, 1_000, page.length / 2, page.length - 20])(
    "a body cut after %i characters is malformed, never a shorter page",
    (length) => {
      expect(() => parseOaiResponse(page.slice(0, Math.floor(length)), "arXiv")).toThrow(MalformedResponse);
    },
  );

  it("mismatched tags and undeclared entities are malformed, with where the parser stopped", () => {
    const mismatched = page.replace("</title>", "</titel>");
    expect(() => parseOaiResponse(mismatched, "arXiv")).toThrow(/not well-formed XML: .*\d+:\d+/);
    expect(() => parseOaiResponse(page.replace("</title>", "&nbsp;</title>"), "arXiv")).toThrow(
      MalformedResponse,
    );
  });

  it("a well-formed document that is not OAI-PMH is malformed", () => {
    expect(() => parseOaiResponse("<html><body>Service Unavailable</body></html>", "arXiv")).toThrow(
      /no <OAI-PMH> root element/,
    );
    expect(() => parseOaiResponse("", "arXiv")).toThrow(MalformedResponse);
  });
});
