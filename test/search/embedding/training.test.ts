import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { loadStaticEmbedder } from "../../../src/search/embedding/bundled.js";

const TRAINER = path.resolve("training", "train.py");
const hasNumpy = spawnSync("python3", ["-c", "import numpy, scipy"]).status === 0;

/** ~1,100 papers from a few topic vocabularies, so the known-item sets (1,000 papers) leave some to train on. */
function writeTinyCorpus(root: string): void {
  const topics = [
    "graph node edge message passing neighbour aggregation",
    "image pixel convolution vision segmentation patch",
    "speech audio acoustic spectrogram phoneme speaker",
    "reward policy agent environment exploration return",
  ].map((words) => words.split(" "));
  let state = 7;
  const next = (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
  const pick = (words: string[], count: number) =>
    Array.from({ length: count }, () => words[next(words.length)]);
  const lines = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => {
      const words = topics[(from + i) % topics.length]!;
      return JSON.stringify({
        id: `2401.${String(10_000 + from + i)}${from === 0 ? "" : "v2"}`,
        title: `Title${from + i} ${pick(words, 3).join(" ")}`,
        abstract: `We study the method. ${pick(words, 30).join(" ")}. ${pick(words, 20).join(" ")}.`,
      });
    }).join("\n");
  // The two folders overlap on 100 ids, as the real corpora do.
  for (const [folder, from, to] of [
    ["arxiv-daily-2025-2026", 0, 600],
    ["arxiv-api-crawl-arxiver", 500, 1_100],
  ] as const) {
    fs.mkdirSync(path.join(root, folder, "papers"), { recursive: true });
    fs.writeFileSync(path.join(root, folder, "papers", "2024.jsonl.gz"), gzipSync(`${lines(from, to)}\n`));
  }
}

describe.skipIf(!hasNumpy)("training/train.py (needs python3 with numpy and scipy)", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-training-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const settings = {
    vocabulary: 40,
    min_count: 2,
    dimensions: 8,
    oversampling: 4,
    epochs: 2,
    batch: 16,
  };
  const trainInto = (out: string, overrides: object = {}, model = "paperpulse-arxiv-static") =>
    execFileSync(
      "python3",
      [
        TRAINER,
        ...["--data", root, "--out", out, "--model", model],
        ...["--settings", JSON.stringify({ ...settings, ...overrides })],
      ],
      { encoding: "utf8" },
    );

  it("writes byte-identical models on two runs, which the runtime loads", () => {
    writeTinyCorpus(root);
    const [first, second] = ["a", "b"].map((name) => path.join(root, name));
    expect(trainInto(first!)).toMatch(/100 trainable/);
    trainInto(second!);
    for (const file of ["model.json", "vocab.txt", "vectors.i8", "scales.f32", "weights.f32"]) {
      expect(
        fs.readFileSync(path.join(first!, file)).equals(fs.readFileSync(path.join(second!, file))),
        file,
      ).toBe(true);
    }
    const embedder = loadStaticEmbedder(first!);
    expect(embedder.dimensions).toBe(8);
    const cosine = (a: string, b: string) =>
      embedder.embed(a).reduce((sum, x, i) => sum + x * embedder.embed(b)[i]!, 0);
    expect(cosine("graph message passing", "node neighbour aggregation")).toBeGreaterThan(
      cosine("graph message passing", "speech spectrogram phoneme"),
    );
  });

  it("also trains on title-like queries against whole papers when asked, recording the pairings", () => {
    writeTinyCorpus(root);
    const [plain, both] = ["plain", "both"].map((name) => path.join(root, name));
    trainInto(plain!);
    trainInto(both!, { pairings: ["title-abstract", "query-paper"] });
    const manifest = JSON.parse(fs.readFileSync(path.join(both!, "model.json"), "utf8"));
    expect(manifest.settings.pairings).toEqual(["title-abstract", "query-paper"]);
    expect(
      fs
        .readFileSync(path.join(plain!, "vectors.i8"))
        .equals(fs.readFileSync(path.join(both!, "vectors.i8"))),
    ).toBe(false);
    expect(
      loadStaticEmbedder(both!)
        .embed("graph message passing")
        .some((x) => x !== 0),
    ).toBe(true);
  });

  it("trains the title model on title-like queries against titles, in batches sharing a rare word", () => {
    writeTinyCorpus(root);
    const [titles, random] = ["titles", "random"].map((name) => path.join(root, name));
    // The title model's own settings (query-title, grouped), at the tiny corpus's sizes.
    trainInto(titles!, { epochs: 2, batch: 16, dimensions: 8 }, "paperpulse-arxiv-titles");
    trainInto(
      random!,
      { epochs: 2, batch: 16, dimensions: 8, grouped_pairings: [] },
      "paperpulse-arxiv-titles",
    );
    const manifest = JSON.parse(fs.readFileSync(path.join(titles!, "model.json"), "utf8"));
    expect(manifest.id).toMatch(/^paperpulse-arxiv-titles@[0-9a-f]{12}$/);
    expect(manifest.settings).toMatchObject({ pairings: ["query-title"], grouped_pairings: ["query-title"] });
    // Grouped batches are other batches: the vectors differ from random batches'.
    expect(
      fs
        .readFileSync(path.join(titles!, "vectors.i8"))
        .equals(fs.readFileSync(path.join(random!, "vectors.i8"))),
    ).toBe(false);
    const embedder = loadStaticEmbedder(titles!);
    expect(embedder.embed("graph message passing").some((x) => x !== 0)).toBe(true);
  });

  it("refuses grouped pairings it does not train", () => {
    const out = path.join(root, "refused");
    const result = spawnSync(
      "python3",
      [
        TRAINER,
        "--data",
        root,
        "--out",
        out,
        "--settings",
        JSON.stringify({ grouped_pairings: ["query-title"] }),
      ],
      { encoding: "utf8" },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/grouped_pairings must be among pairings/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
