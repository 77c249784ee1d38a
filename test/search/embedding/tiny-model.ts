import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MODEL_FORMAT } from "../../../src/search/embedding/model-files.js";
import { TOKENIZER_NAME } from "../../../src/search/embedding/tokenizer.js";

export interface TinyModelSpec {
  tokens: string[];
  /** One int8 row per token. */
  rows: number[][];
  scales: number[];
  weights: number[];
}

function float32Bytes(values: number[]): Buffer {
  const bytes = Buffer.alloc(values.length * 4);
  values.forEach((value, i) => {
    bytes.writeFloatLE(value, i * 4);
  });
  return bytes;
}

/** Writes a model directory in the bundled format (as training/model_files.py does) into a temp folder. */
export function writeTinyModel(spec: TinyModelSpec, id = "tiny@000000000000"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-model-"));
  const files = {
    "vocab.txt": Buffer.from(spec.tokens.map((token) => `${token}\n`).join(""), "utf8"),
    "vectors.i8": Buffer.from(Int8Array.from(spec.rows.flat()).buffer),
    "scales.f32": float32Bytes(spec.scales),
    "weights.f32": float32Bytes(spec.weights),
  };
  const sha256: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), bytes);
    sha256[name] = createHash("sha256").update(bytes).digest("hex");
  }
  const manifest = {
    format: MODEL_FORMAT,
    id,
    dimensions: spec.rows[0]?.length ?? 0,
    vocabularySize: spec.tokens.length,
    tokenizer: TOKENIZER_NAME,
    settings: {},
    sha256,
  };
  fs.writeFileSync(path.join(dir, "model.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

/** Three tokens in three dimensions: "graph" and "network" point the same way, "galaxy" elsewhere. */
export const TINY: TinyModelSpec = {
  tokens: ["graph", "network", "galaxy", "the"],
  rows: [
    [127, 0, 0],
    [100, 50, 0],
    [0, 0, 127],
    [0, 127, 0],
  ],
  scales: [0.01, 0.02, 0.01, 0.01],
  weights: [0.9, 0.8, 0.95, 0.05],
};
