import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { TOKENIZER_NAME } from "./tokenizer.js";

/**
 * The on-disk format of a static embedding model (written by training/model_files.py):
 *   model.json   format, id, dimensions, vocabularySize, tokenizer, training settings, sha256 per file
 *   vocab.txt    one token per line; line i names row i of the files below
 *   vectors.i8   int8 rows, vocabulary × dimensions; a token's vector is its row times its scale
 *   scales.f32   one little-endian float32 scale per row
 *   weights.f32  one little-endian float32 SIF weight a / (a + p(token)) per row
 */
export const MODEL_FORMAT = "paperpulse-static-embedding/1";
const DATA_FILES = ["vocab.txt", "vectors.i8", "scales.f32", "weights.f32"] as const;
type DataFile = (typeof DATA_FILES)[number];

export interface StaticModel {
  id: string;
  dimensions: number;
  vocabulary: string[];
  vectors: Int8Array;
  scales: Float32Array;
  weights: Float32Array;
}

export class ModelFileError extends Error {
  override name = "ModelFileError";
}

interface Manifest {
  id: string;
  dimensions: number;
  vocabularySize: number;
  sha256: Record<DataFile, string>;
}

function parseManifest(raw: unknown, where: string): Manifest {
  const fail = (problem: string) => new ModelFileError(`${where}: ${problem}`);
  if (typeof raw !== "object" || raw === null) throw fail("not a JSON object");
  const m = raw as Record<string, unknown>;
  if (m.format !== MODEL_FORMAT) throw fail(`format is not ${MODEL_FORMAT}`);
  if (m.tokenizer !== TOKENIZER_NAME) throw fail(`tokenizer is not ${TOKENIZER_NAME}`);
  if (typeof m.id !== "string" || m.id === "") throw fail("no model id");
  for (const key of ["dimensions", "vocabularySize"] as const) {
    const value = m[key];
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw fail(`bad ${key}`);
  }
  const sums = m.sha256 as Record<string, unknown> | undefined;
  for (const file of DATA_FILES) {
    if (typeof sums?.[file] !== "string") throw fail(`no sha256 for ${file}`);
  }
  return m as unknown as Manifest;
}

function readChecked(dir: string, file: DataFile, manifest: Manifest, bytes: number | null): Buffer {
  const where = path.join(dir, file);
  let data: Buffer;
  try {
    data = fs.readFileSync(where);
  } catch (error) {
    throw new ModelFileError(`${where}: ${(error as Error).message}`);
  }
  if (bytes !== null && data.byteLength !== bytes)
    throw new ModelFileError(`${where}: ${data.byteLength} bytes, expected ${bytes}`);
  if (createHash("sha256").update(data).digest("hex") !== manifest.sha256[file])
    throw new ModelFileError(`${where}: checksum does not match model.json`);
  return data;
}

function float32s(data: Buffer): Float32Array {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const values = new Float32Array(data.byteLength / 4);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
  return values;
}

/** Reads and verifies a model directory (sizes and checksums), throwing ModelFileError on any mismatch. */
export function readStaticModel(dir: string): StaticModel {
  const manifestPath = path.join(dir, "model.json");
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
  } catch (error) {
    throw new ModelFileError(`${manifestPath}: ${(error as Error).message}`);
  }
  const manifest = parseManifest(raw, manifestPath);
  const rows = manifest.vocabularySize;
  const vocabulary = readChecked(dir, "vocab.txt", manifest, null).toString("utf8").split("\n");
  if (vocabulary.pop() !== "" || vocabulary.length !== rows)
    throw new ModelFileError(`${path.join(dir, "vocab.txt")}: expected ${rows} newline-terminated tokens`);
  const vectors = readChecked(dir, "vectors.i8", manifest, rows * manifest.dimensions);
  return {
    id: manifest.id,
    dimensions: manifest.dimensions,
    vocabulary,
    vectors: new Int8Array(vectors.buffer.slice(vectors.byteOffset, vectors.byteOffset + vectors.byteLength)),
    scales: float32s(readChecked(dir, "scales.f32", manifest, rows * 4)),
    weights: float32s(readChecked(dir, "weights.f32", manifest, rows * 4)),
  };
}
