import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import {
  loadBundledEmbedder,
  loadBundledTitleEmbedder,
  loadStaticEmbedder,
} from "../../../src/search/embedding/bundled.js";
import type { StaticEmbedder } from "../../../src/search/embedding/static-embedder.js";
import { TINY, writeTinyModel } from "./tiny-model.js";

const norm = (v: Float32Array) => Math.hypot(...v);
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe("StaticEmbedder on a tiny model", () => {
  const dir = writeTinyModel(TINY, "tiny@111111111111");
  const embedder = loadStaticEmbedder(dir);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("takes its id and dimensions from the model", () => {
    expect(embedder.modelId).toBe("tiny@111111111111");
    expect(embedder.dimensions).toBe(3);
  });

  it("returns the SIF-weighted sum of known token vectors, L2-normalised", () => {
    const vector = embedder.embed("Graph GALAXY");
    // graph: 0.9 · 0.01 · (127, 0, 0); galaxy: 0.95 · 0.01 · (0, 0, 127)
    const expected = [0.9 * 1.27, 0, 0.95 * 1.27];
    const length = Math.hypot(...expected);
    expect([...vector].map((x) => x.toFixed(5))).toEqual(expected.map((x) => (x / length).toFixed(5)));
    expect(norm(vector)).toBeCloseTo(1, 6);
  });

  it("gives the zero vector when it knows none of the words", () => {
    const vector = embedder.embed("unknown words only, 42");
    expect(vector).toHaveLength(3);
    expect([...vector]).toEqual([0, 0, 0]);
    expect([...embedder.embed("")]).toEqual([0, 0, 0]);
  });

  it("measures coverage as the weighted share of known tokens, unknown ones weighing 1", () => {
    expect(embedder.coverage("graph network")).toBe(1);
    expect(embedder.coverage("zebra quokka")).toBe(0);
    expect(embedder.coverage("")).toBe(0);
    expect(embedder.coverage("the zebra")).toBeCloseTo(0.05 / 1.05, 6);
  });

  it("names the document's words closest to the query, leaving out the query's own and frequent words", () => {
    const terms = embedder.relatedTerms("graph", "The network of a galaxy graph", 5);
    expect(terms.map((t) => t.term)).toEqual(["network"]);
    expect(terms[0]!.similarity).toBeCloseTo(100 / Math.hypot(100, 50), 5);
    expect(embedder.relatedTerms("graph", "network galaxy", 0)).toEqual([]);
  });
});

describe("the bundled model", () => {
  const embedder: StaticEmbedder = loadBundledEmbedder();

  it("loads with a versioned id and unit-length vectors", () => {
    expect(embedder.modelId).toMatch(/^paperpulse-arxiv-static@[0-9a-f]{12}$/);
    const vector = embedder.embed("Scaling MLPs: a tale of inductive bias");
    expect(vector).toHaveLength(embedder.dimensions);
    expect(norm(vector)).toBeCloseTo(1, 5);
  });

  it("places related words near each other", () => {
    const [transformer, attention, galaxy] = ["transformer", "attention", "galaxy"].map((w) =>
      embedder.embed(w),
    );
    expect(cosine(transformer!, attention!)).toBeGreaterThan(cosine(transformer!, galaxy!) + 0.1);
    const diffusion = embedder.embed("diffusion models for image generation");
    expect(cosine(diffusion, embedder.embed("denoising generative image synthesis"))).toBeGreaterThan(
      cosine(diffusion, embedder.embed("reinforcement learning for robot control")),
    );
  });

  it("knows computer-science words better than biomedical ones", () => {
    expect(embedder.coverage("graph neural networks for molecules")).toBeGreaterThan(0.99);
    expect(embedder.coverage("thrombospondin ubiquitination in cardiomyocytes")).toBeLessThan(0.5);
  });

  it("hints at a semantic-only hit with its words closest to the query", () => {
    const abstract =
      "We replace self-attention with gated convolutions and recurrence, and study the encoder on speech.";
    const terms = embedder.relatedTerms("transformer", abstract, 3).map((t) => t.term);
    expect(terms).toHaveLength(3);
    expect(terms).not.toContain("transformer");
    expect(terms).not.toContain("the");
    expect(terms).toContain("encoder");
  });
});

describe("the bundled title model", () => {
  const titles = loadBundledTitleEmbedder();
  const documents = loadBundledEmbedder();
  /** How much closer a title holding the query's words is than a title about the same things. */
  const margin = (model: StaticEmbedder, query: string, holding: string, topical: string) =>
    cosine(model.embed(query), model.embed(holding)) - cosine(model.embed(query), model.embed(topical));

  it("loads with its own versioned id, the same vocabulary and unit-length vectors", () => {
    expect(titles.modelId).toMatch(/^paperpulse-arxiv-titles@[0-9a-f]{12}$/);
    expect(titles.dimensions).toBe(192);
    expect(titles.coverage("graph neural networks for molecules")).toBe(
      documents.coverage("graph neural networks for molecules"),
    );
    expect(norm(titles.embed("Local linear attention"))).toBeCloseTo(1, 5);
  });

  it("tells a title holding a remembered title's words from titles about the same things, better than the document model", () => {
    const cases = [
      [
        "local linear attention",
        "Local Linear Attention",
        "Linear Transformers Are Secretly Fast Weight Programmers",
      ],
      [
        "scaling mlps",
        "Scaling MLPs: A Tale of Inductive Bias",
        "MLP-Mixer: An all-MLP Architecture for Vision",
      ],
      ["memory networks", "End-To-End Memory Networks", "Neural Turing Machines"],
    ] as const;
    for (const [query, holding, topical] of cases) {
      expect(margin(titles, query, holding, topical), query).toBeGreaterThan(
        margin(documents, query, holding, topical) + 0.05,
      );
    }
  });
});
