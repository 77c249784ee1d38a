import { describe, expect, it } from "vitest";
import { formatPaperSummary } from "../../src/cli/import-summary.js";
import type { ImportSummary } from "../../src/ingest/import-papers.js";

const counts = { read: 708, inserted: 708, updated: 0, unchanged: 0, rejected: 0, rejectedEarlier: 0 };

function summary(searchIndexPending: boolean): ImportSummary {
  return {
    files: [{ file: "papers.jsonl", resumedAfterLine: null, formats: {}, ...counts }],
    total: counts,
    elapsedMs: 1_300,
    papersPerSecond: 545,
    interrupted: true,
    searchIndexPending,
    parsedIn: "worker",
  };
}

describe("the papers import summary", () => {
  it("says when the papers of an interrupted bulk import are not searchable yet, and how to finish it", () => {
    expect(formatPaperSummary(summary(true))).toContain(
      "search does not find the papers of this bulk import yet: run the same import again to resume it and build the search index",
    );
    expect(formatPaperSummary(summary(false))).not.toContain("search does not find");
  });
});
