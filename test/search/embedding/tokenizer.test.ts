import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { tokenize } from "../../../src/search/embedding/tokenizer.js";

interface GoldenCase {
  text: string;
  tokens: string[];
}

// Written by training/tokenizer_golden.py from the trainer's own tokenizer.
const golden: GoldenCase[] = fs
  .readFileSync(new URL("./tokenizer-golden.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line !== "")
  .map((line) => JSON.parse(line));

describe("tokenize", () => {
  it("gives the trainer's tokens for every golden text", () => {
    expect(golden.length).toBeGreaterThan(100);
    for (const { text, tokens } of golden) expect(tokenize(text), text).toEqual(tokens);
  });

  it("folds compatibility forms and case, and splits on everything but letters and digits", () => {
    expect(tokenize("ﬁne-tuning ＧＰＴ-4o: x²")).toEqual(["fine", "tuning", "gpt", "4o", "x2"]);
  });
});
