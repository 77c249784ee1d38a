import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { describeInputFile, InputFileError } from "../../src/ingest/input-file.js";
import { type InputLine, OVERSIZED_LINE, readLines } from "../../src/ingest/line-reader.js";
import { tempDir } from "./helpers.js";

async function linesOf(file: string, maxLineBytes = 1_048_576): Promise<InputLine[]> {
  const lines: InputLine[] = [];
  for await (const chunk of readLines(await describeInputFile(file), maxLineBytes).chunks)
    lines.push(...chunk);
  return lines;
}

describe("input files", () => {
  const dir = tempDir();

  it("detects gzip by its magic bytes, not its name", async () => {
    const gzipNamedPlain = path.join(dir, "papers.jsonl");
    fs.writeFileSync(gzipNamedPlain, zlib.gzipSync("one\ntwo\n"));
    const plainNamedGzip = path.join(dir, "papers.jsonl.gz");
    fs.writeFileSync(plainNamedGzip, "three\n");
    expect((await describeInputFile(gzipNamedPlain)).compressed).toBe(true);
    expect((await describeInputFile(plainNamedGzip)).compressed).toBe(false);
    expect(await linesOf(gzipNamedPlain)).toEqual(["one", "two"]);
    expect(await linesOf(plainNamedGzip)).toEqual(["three"]);
  });

  it("reads concatenated gzip members", async () => {
    const file = path.join(dir, "members.gz");
    fs.writeFileSync(file, Buffer.concat([zlib.gzipSync("a\n"), zlib.gzipSync("b\n")]));
    expect(await linesOf(file)).toEqual(["a", "b"]);
  });

  it("keys checkpoints by absolute path, size and modification time", async () => {
    const file = path.join(dir, "key.jsonl");
    fs.writeFileSync(file, "x\n");
    const before = await describeInputFile(file);
    expect(before.checkpointKey).toMatch(new RegExp(`^${file}:2:\\d+$`));
    fs.appendFileSync(file, "y\n");
    expect((await describeInputFile(file)).checkpointKey).not.toBe(before.checkpointKey);
  });

  it("fails clearly on a missing file or a folder", async () => {
    await expect(describeInputFile(path.join(dir, "missing.jsonl"))).rejects.toThrow(InputFileError);
    await expect(describeInputFile(path.join(dir, "missing.jsonl"))).rejects.toThrow(
      /missing.jsonl: no such file/,
    );
    await expect(describeInputFile(dir)).rejects.toThrow(/not a regular file/);
  });
});

describe("readLines", () => {
  const dir = tempDir();

  it("handles CRLF, a byte-order mark, multi-byte characters and a last line without newline", async () => {
    const file = path.join(dir, "mixed.jsonl");
    fs.writeFileSync(file, "\uFEFFfirst\r\nZoë — ünïcödé\n\nlast");
    expect(await linesOf(file)).toEqual(["first", "Zoë — ünïcödé", "", "last"]);
  });

  it("reports over-long lines without holding them, and goes on", async () => {
    const file = path.join(dir, "long.jsonl");
    fs.writeFileSync(file, `short\n${"x".repeat(5_000_000)}\nafter\n${"y".repeat(2_000)}`);
    expect(await linesOf(file, 1_000)).toEqual(["short", OVERSIZED_LINE, "after", OVERSIZED_LINE]);
  });

  it("reads a multi-megabyte gzip file across chunk boundaries", async () => {
    const file = path.join(dir, "big.gz");
    const lines = Array.from({ length: 50_000 }, (_, i) => `line ${i} ${"z".repeat(i % 97)}`);
    fs.writeFileSync(file, zlib.gzipSync(`${lines.join("\n")}\n`));
    expect(await linesOf(file)).toEqual(lines);
  });
});
