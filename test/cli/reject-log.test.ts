import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RejectLog } from "../../src/cli/reject-log.js";
import { tempDir } from "../ingest/helpers.js";

function rejectsFileWith(entries: string[]): string {
  const file = path.join(tempDir(), "rejects.txt");
  fs.writeFileSync(file, entries.map((entry) => `${entry}\n`).join(""));
  return file;
}

describe("the --rejects file of a resumed import", () => {
  it("keeps the entries of committed lines only: later lines are read, and rejected, again", async () => {
    const file = rejectsFileWith([
      "a.jsonl:2: not valid JSON",
      "a.jsonl:5: no id",
      "a.jsonl:9: not valid JSON",
      "a.jsonl.gz:7: no title",
      "b.jsonl:3: not valid JSON",
      "c.jsonl:1: not valid JSON",
    ]);
    const log = new RejectLog(10, file);
    // a.jsonl resumes after line 5; a.jsonl.gz after line 7; b.jsonl starts over; c.jsonl is not read.
    log.keepCommitted(
      new Map([
        ["a.jsonl", 5],
        ["a.jsonl.gz", 7],
        ["b.jsonl", 0],
      ]),
    );
    log.record({ file: "a.jsonl", line: 9, reason: "not valid JSON" });
    await log.close();
    expect(fs.readFileSync(file, "utf8").split("\n")).toEqual([
      "a.jsonl:2: not valid JSON",
      "a.jsonl:5: no id",
      "a.jsonl.gz:7: no title",
      "c.jsonl:1: not valid JSON",
      "a.jsonl:9: not valid JSON",
      "",
    ]);
  });

  it("is emptied when the import starts every input over", async () => {
    const file = rejectsFileWith(["a.jsonl:2: not valid JSON"]);
    const log = new RejectLog(10, file);
    log.startOver();
    log.record({ file: "a.jsonl", line: 3, reason: "no id" });
    await log.close();
    expect(fs.readFileSync(file, "utf8")).toBe("a.jsonl:3: no id\n");
  });
});
