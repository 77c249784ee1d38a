import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ArxivApiError, AtomFormatError, parseAtomPage } from "../../../src/ingest/arxiv/atom-parser.js";
import { sharedDataPath } from "../../support/shared-data.js";

const ATOM_2026 = sharedDataPath("arxiv-api-fixtures", "atom-2026");
const ATOM_2016 = sharedDataPath("arxiv-api-fixtures", "atom-2016");

interface IndexRow {
  file: string;
  status: number;
  totalResults: number;
  entries: number;
}

interface Recording {
  url: string;
  status_code: number;
  body: string;
}

function indexRows(): IndexRow[] {
  const [, ...lines] = fs.readFileSync(`${ATOM_2026}/INDEX.tsv`, "utf8").trim().split("\n");
  return lines.map((line) => {
    const [file, status, , totalResults, entries] = line.split("\t");
    return {
      file: file!,
      status: Number(status),
      totalResults: Number(totalResults),
      entries: Number(entries),
    };
  });
}

function recording(file: string): Recording {
  return JSON.parse(fs.readFileSync(`${ATOM_2026}/recorded/${file}.json`, "utf8")) as Recording;
}

function body2026(prefix: string): string {
  const file = fs.readdirSync(`${ATOM_2026}/bodies`).find((name) => name.startsWith(prefix));
  return fs.readFileSync(`${ATOM_2026}/bodies/${file}`, "utf8");
}

describe("parseAtomPage on the recorded 2026 responses", () => {
  const rows = indexRows();

  it("has all 20 recordings listed", () => {
    expect(rows).toHaveLength(20);
  });

  it.each(rows.filter((row) => row.status === 200))("$file: counts match INDEX.tsv", (row) => {
    const page = parseAtomPage(recording(row.file).body);
    expect(page.totalResults).toBe(row.totalResults);
    expect(page.entryCount).toBe(row.entries);
    expect(page.papers.length + page.rejected.length).toBe(row.entries);
    expect(page.rejected).toEqual([]);
  });

  it("turns the HTTP 400 error entry into a typed error with its message", () => {
    const [row] = rows.filter((r) => r.status === 400);
    expect(row?.file).toMatch(/^id_abc_/);
    const error = (() => {
      try {
        parseAtomPage(recording(row!.file).body);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ArxivApiError);
    expect(error).toMatchObject({
      code: "incorrect_id_format_for_abc",
      message: "arXiv API error: incorrect id format for abc",
    });
  });

  it("reads every field of an entry, primary category first", () => {
    const page = parseAtomPage(body2026("id_1605.08386_"));
    expect(page).toMatchObject({ totalResults: 1, startIndex: 0, itemsPerPage: 100 });
    expect(page.papers).toEqual([
      {
        id: "1605.08386",
        title: "Heat-bath random walks with Markov bases",
        abstract: expect.stringMatching(/^Graphs on lattice points .* is an expander in fixed dimension\.$/),
        authors: ["Caprice Stanley", "Tobias Windisch"],
        authorCount: 2,
        categories: ["math.CO", "math.ST"],
        comments: "20 pages, 3 figures",
        journalRef: null,
        doi: null,
        license: null,
        submitter: null,
        versions: [{ version: 1, createdAt: "2016-05-26T17:59:46.000Z" }],
        publishedAt: "2016-05-26T17:59:46.000Z",
        listingDay: null,
        upvotes: 0,
      },
    ]);
  });

  it("reads old-style ids and the paging counters", () => {
    expect(parseAtomPage(body2026("id_astro-ph_0601001_")).papers[0]?.id).toBe("astro-ph/0601001");
    expect(parseAtomPage(body2026("id_quant-ph_0201082v1_")).papers[0]?.id).toBe("quant-ph/0201082");
    const page = parseAtomPage(body2026("q_testing_s20_m10_"));
    expect(page).toMatchObject({ totalResults: 214_881, startIndex: 20, itemsPerPage: 10, entryCount: 10 });
  });

  it("reads a feed without entries (an id arXiv does not have)", () => {
    const page = parseAtomPage(body2026("id_0000.0000_"));
    expect(page).toMatchObject({ totalResults: 0, entryCount: 0, papers: [], rejected: [] });
  });
});

describe("parseAtomPage on the 2016 shape", () => {
  it("reads namespaces declared per element, html titles, DOI and journal ref, and the latest version", () => {
    const page = parseAtomPage(fs.readFileSync(`${ATOM_2016}/id_list_1111.2011v2.xml`, "utf8"));
    expect(page).toMatchObject({ totalResults: 1, startIndex: 0, itemsPerPage: 10 });
    expect(page.papers[0]).toMatchObject({
      id: "1111.2011",
      title: "Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit",
      authors: ["James M. Murray", "Adrian Del Maestro", "Zlatko Tesanovic"],
      categories: ["cond-mat.str-el", "cond-mat.stat-mech"],
      comments: "8 pages, 3 figures. Published version",
      journalRef: "Phys. Rev. B 85, 115117 (2012)",
      doi: "10.1103/PhysRevB.85.115117",
      versions: [
        { version: 1, createdAt: "2011-11-08T18:48:36.000Z" },
        { version: 2, createdAt: "2012-04-02T12:38:54.000Z" },
      ],
      publishedAt: "2011-11-08T18:48:36.000Z",
    });
  });

  it.each([
    ["q_au_del_maestro.xml", 31, 10],
    ["q_au_del_maestro_AND_ti_checkerboard.xml", 1, 1],
    ["q_au_del_maestro_AND_ti_quantum_criticality.xml", 2, 2],
    ["q_au_del_maestro_ANDNOT_ti_checkerboard_OR_ti_Pyrochlore.xml", 24, 10],
  ])("%s: %i results, %i entries, all read", (file, total, entries) => {
    const page = parseAtomPage(fs.readFileSync(`${ATOM_2016}/${file}`, "utf8"));
    expect(page.totalResults).toBe(total);
    expect(page.papers).toHaveLength(entries);
    expect(page.papers.every((paper) => paper.authors.length > 0 && paper.categories.length > 0)).toBe(true);
  });
});

describe("parseAtomPage on character references", () => {
  it("decodes numeric and named character references in titles and names", () => {
    const page = parseAtomPage(
      `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"
      xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">
  <opensearch:totalResults>1</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
  <opensearch:itemsPerPage>10</opensearch:itemsPerPage>
  <entry>
    <id>http://arxiv.org/abs/2501.00001v1</id>
    <published>2025-01-01T00:00:00Z</published>
    <updated>2025-01-01T00:00:00Z</updated>
    <title>Schr&#246;dinger &amp; the caf&#xE9;</title>
    <summary>An abstract with &lt;tags&gt; as text.</summary>
    <author><name>Ren&#233;e Lef&#232;vre</name></author>
    <arxiv:primary_category term="cs.LG"/>
    <category term="cs.LG"/>
  </entry>
</feed>`,
    );
    expect(page.papers[0]).toMatchObject({
      title: "Schrödinger & the café",
      abstract: "An abstract with <tags> as text.",
      authors: ["Renée Lefèvre"],
    });
  });
});

describe("parseAtomPage on damaged input", () => {
  it("reports an invalid entry with its reason and keeps the rest of the page", () => {
    // Hand-damaged copy of a recorded page: the third entry's id is not an arXiv id.
    const page = parseAtomPage(body2026("q_testing_s0_m10_"));
    const thirdId = page.papers[2]!.id;
    const damaged = parseAtomPage(body2026("q_testing_s0_m10_").replace(`/abs/${thirdId}`, "/abs/not-an-id"));
    expect(damaged.papers).toHaveLength(9);
    expect(damaged.rejected).toEqual([
      {
        position: 3,
        entryId: expect.stringContaining("not-an-id"),
        reason: expect.stringContaining("not an arXiv abs URL"),
      },
    ]);
  });

  it("reports an entry without a title", () => {
    const xml = body2026("id_1605.08386_").replace(
      "<title>Heat-bath random walks with Markov bases</title>",
      "<title></title>",
    );
    const page = parseAtomPage(xml);
    expect(page.papers).toEqual([]);
    expect(page.rejected[0]).toMatchObject({ position: 1, reason: "empty title" });
  });

  it("rejects truncated XML and non-Atom documents with a format error", () => {
    const xml = body2026("id_1605.08386_");
    expect(() => parseAtomPage(xml.slice(0, xml.length / 2))).toThrow(AtomFormatError);
    expect(() => parseAtomPage("<html><body>Service unavailable</body></html>")).toThrow(/no <feed> element/);
  });
});
