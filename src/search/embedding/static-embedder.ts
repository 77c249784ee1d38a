import type { Embedder } from "../embedder.js";
import type { StaticModel } from "./model-files.js";
import { tokenize } from "./tokenizer.js";

/** Related-term hints skip words this frequent (SIF weight below 0.4, p > 0.15%): "method", "data", "the". */
const HINT_MIN_WEIGHT = 0.4;
const DIGITS = /^\p{N}+$/u;

export interface RelatedTerm {
  term: string;
  /** Cosine similarity between the term's vector and the query's. */
  similarity: number;
}

/**
 * A static (per-token) embedder: a text's vector is the SIF-weighted sum of its known tokens' vectors
 * (the corpus's common component was removed from the token vectors at training time), L2-normalised.
 */
export class StaticEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  private readonly rows: Map<string, number>;

  constructor(private readonly model: StaticModel) {
    this.modelId = model.id;
    this.dimensions = model.dimensions;
    this.rows = new Map(model.vocabulary.map((token, row) => [token, row]));
  }

  embed(text: string): Float32Array {
    // The model's arrays in locals and the sum inline: this is the hot loop of hybrid search (up to 300
    // titles a query) and of embedding at import (docs/BENCHMARKS.md measured it a fifth faster so).
    const { vectors, scales, weights, dimensions } = this.model;
    const rows = this.rows;
    const sum = new Float32Array(dimensions);
    for (const token of tokenize(text)) {
      const row = rows.get(token);
      if (row === undefined) continue;
      const factor = weights[row]! * scales[row]!;
      const start = row * dimensions;
      for (let i = 0; i < dimensions; i++) sum[i]! += factor * vectors[start + i]!;
    }
    return normalise(sum);
  }

  /**
   * The weighted share of the text's tokens the model knows, 0–1 (0 for a text without words). An
   * unknown token weighs 1, as much as the rarest known ones, so a query whose distinctive words are
   * all unknown scores low even when its filler words are known: the dense side then has little to go on.
   */
  coverage(text: string): number {
    let known = 0;
    let total = 0;
    for (const token of tokenize(text)) {
      const row = this.rows.get(token);
      const weight = row === undefined ? 1 : this.model.weights[row]!;
      total += weight;
      if (row !== undefined) known += weight;
    }
    return total === 0 ? 0 : known / total;
  }

  /**
   * The k distinct words of `text` whose vectors lie closest to the query's vector, most similar first,
   * leaving out words of the query itself, numbers, very frequent words and words dissimilar to it.
   */
  relatedTerms(query: string, text: string, k: number): RelatedTerm[] {
    const queryVector = this.embed(query);
    const queryTokens = new Set(tokenize(query));
    const candidates = new Map<string, number>();
    for (const token of tokenize(text)) {
      const row = this.rows.get(token);
      if (row === undefined || queryTokens.has(token) || candidates.has(token) || DIGITS.test(token))
        continue;
      if (token.length < 3 || this.model.weights[row]! < HINT_MIN_WEIGHT) continue;
      candidates.set(token, row);
    }
    const scored: RelatedTerm[] = [];
    for (const [term, row] of candidates) {
      const similarity = this.cosineWithRow(queryVector, row);
      if (similarity > 0) scored.push({ term, similarity });
    }
    scored.sort((a, b) => b.similarity - a.similarity || (a.term < b.term ? -1 : 1));
    return scored.slice(0, k);
  }

  private cosineWithRow(vector: Float32Array, row: number): number {
    const { vectors } = this.model;
    const start = row * this.dimensions;
    let dot = 0;
    let norm = 0;
    for (let i = 0; i < this.dimensions; i++) {
      const value = vectors[start + i]!;
      dot += value * vector[i]!;
      norm += value * value;
    }
    return norm === 0 ? 0 : dot / Math.sqrt(norm);
  }
}

function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
  if (norm === 0) return vector;
  const inverse = 1 / Math.sqrt(norm);
  for (let i = 0; i < vector.length; i++) vector[i]! *= inverse;
  return vector;
}
