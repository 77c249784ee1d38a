import fs from "node:fs";
import readline from "node:readline";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  arxivAbsUrl,
  arxivIdOrdinal,
  arxivPdfUrl,
  firstDayOfIdMonth,
  normaliseArxivId,
  parseArxivId,
} from "../../src/core/arxiv-id.js";
import { sharedDataPath } from "../support/shared-data.js";

describe("parseArxivId", () => {
  it.each([
    ["2509.09672", "2509.09672", null],
    ["2509.09672v3", "2509.09672", 3],
    ["0704.0001", "0704.0001", null],
    ["1412.9999v1", "1412.9999", 1],
    ["arXiv:2306.04891v2", "2306.04891", 2],
    ["https://arxiv.org/abs/2306.04891v2", "2306.04891", 2],
    ["http://arxiv.org/pdf/2306.04891.pdf", "2306.04891", null],
    ["https://arxiv.org/html/2509.09672v1", "2509.09672", 1],
    ["hep-th/9901001", "hep-th/9901001", null],
    ["hep-th/9901001v2", "hep-th/9901001", 2],
    ["math.AG/0601001", "math/0601001", null],
    ["cond-mat/9909265", "cond-mat/9909265", null],
    ["https://arxiv.org/abs/astro-ph/0601001", "astro-ph/0601001", null],
    ["https://arxiv.org/abs/2509.09672?context=cs", "2509.09672", null],
    ["https://arxiv.org/html/2509.09672v2#S3.SS1", "2509.09672", 2],
    ["https://www.arxiv.org/pdf/2509.09672v1.pdf?download=1", "2509.09672", 1],
    ["  2509.09672 ", "2509.09672", null],
  ])("reads %s", (input, id, version) => {
    expect(parseArxivId(input)).toEqual({ id, version });
  });

  it.each([
    "",
    "abc",
    "0000.0000",
    "2513.00001",
    "1501.1234",
    "1412.12345",
    "0703.0001",
    "hep-th/0704001",
    "hep-th/99010",
    "2509.09672v0",
    "../etc/passwd",
    "2509.09672 OR 1=1",
    "foo-bar/9901001",
    "https://arxiv.org/abs/2509.09672x?context=cs",
    "https://arxiv.org/abs/?id=2509.09672",
  ])("rejects %s", (input) => {
    expect(parseArxivId(input)).toBeNull();
  });

  it("accepts every id in the shared corpora and leaves canonical ids unchanged", async () => {
    const files = [
      sharedDataPath("arxiv-api-crawl-arxiver/papers/pre2013.jsonl.gz"),
      sharedDataPath("arxiv-daily-2025-2026/papers/2025-09.jsonl.gz"),
      sharedDataPath("arxiv-abs-0704-sample/papers.jsonl.gz"),
    ];
    let checked = 0;
    for (const file of files) {
      const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()) });
      for await (const line of lines) {
        const { id } = JSON.parse(line) as { id: string };
        expect(normaliseArxivId(id)).toBe(id);
        checked++;
      }
    }
    expect(checked).toBe(138 + 3750 + 1001);
  });
});

describe("id helpers", () => {
  it("builds arXiv links", () => {
    expect(arxivAbsUrl("hep-th/9901001")).toBe("https://arxiv.org/abs/hep-th/9901001");
    expect(arxivPdfUrl("2509.09672", 2)).toBe("https://arxiv.org/pdf/2509.09672v2");
  });

  it("derives the month an id was assigned in", () => {
    expect(firstDayOfIdMonth("2504.05410")).toBe("2025-04-01");
    expect(firstDayOfIdMonth("0704.0001")).toBe("2007-04-01");
    expect(firstDayOfIdMonth("hep-th/9901001")).toBe("1999-01-01");
    expect(firstDayOfIdMonth("cond-mat/0004376")).toBe("2000-04-01");
  });
});

describe("arxivIdOrdinal", () => {
  it("orders ids by submission month across both styles", () => {
    const ids = [
      "hep-th/9108001",
      "astro-ph/0703999",
      "hep-th/0703001",
      "0704.0001",
      "1412.9999",
      "1501.00001",
      "2509.09672",
    ];
    const ordinals = ids.map(arxivIdOrdinal);
    expect(ordinals).toEqual([...ordinals].sort((a, b) => a - b));
    expect(arxivIdOrdinal("2509.09672")).toBe(20250909672);
    expect(arxivIdOrdinal("hep-th/0703001")).not.toBe(arxivIdOrdinal("astro-ph/0703001"));
    expect(arxivIdOrdinal("hep-th/0703001")).toBeLessThan(arxivIdOrdinal("0704.0001"));
    expect(arxivIdOrdinal("hep-th/9108001")).toBeLessThan(arxivIdOrdinal("hep-th/0703001"));
  });
});
