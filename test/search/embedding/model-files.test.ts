import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ModelFileError, readStaticModel } from "../../../src/search/embedding/model-files.js";
import { TINY, writeTinyModel } from "./tiny-model.js";

const dirs: string[] = [];
function tinyModelDir(): string {
  const dir = writeTinyModel(TINY, "tiny@abcdef012345");
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("readStaticModel", () => {
  it("reads back what was written: id, vocabulary, int8 rows, scales and weights", () => {
    const model = readStaticModel(tinyModelDir());
    expect(model.id).toBe("tiny@abcdef012345");
    expect(model.dimensions).toBe(3);
    expect(model.vocabulary).toEqual(TINY.tokens);
    expect([...model.vectors]).toEqual(TINY.rows.flat());
    expect([...model.scales]).toEqual(TINY.scales.map(Math.fround));
    expect([...model.weights]).toEqual(TINY.weights.map(Math.fround));
  });

  it("refuses a data file whose checksum differs from model.json", () => {
    const dir = tinyModelDir();
    const vectors = path.join(dir, "vectors.i8");
    const bytes = fs.readFileSync(vectors);
    bytes[0] = 1;
    fs.writeFileSync(vectors, bytes);
    expect(() => readStaticModel(dir)).toThrow(/vectors\.i8: checksum/);
  });

  it("refuses a vectors file of the wrong size before hashing it", () => {
    const dir = tinyModelDir();
    fs.appendFileSync(path.join(dir, "vectors.i8"), Buffer.from([0, 0, 0]));
    expect(() => readStaticModel(dir)).toThrow(/15 bytes, expected 12/);
  });

  it("refuses a model made for another tokenizer or format, and a missing directory", () => {
    const dir = tinyModelDir();
    const manifestPath = path.join(dir, "model.json");
    const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
    fs.writeFileSync(manifestPath, JSON.stringify({ ...manifest, tokenizer: "whitespace/1" }));
    expect(() => readStaticModel(dir)).toThrow(/tokenizer is not/);
    fs.writeFileSync(manifestPath, JSON.stringify({ ...manifest, format: "other/2" }));
    expect(() => readStaticModel(dir)).toThrow(ModelFileError);
    expect(() => readStaticModel(path.join(dir, "absent"))).toThrow(ModelFileError);
  });
});
