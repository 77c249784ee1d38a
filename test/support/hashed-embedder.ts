import { createHash } from "node:crypto";
import type { Embedder } from "../../src/search/embedder.js";

const WORD = /[\p{L}\p{N}]+/gu;

export interface HashedEmbedderOptions {
  dimensions?: number;
  /** Words the model knows; others embed to nothing (all known when absent). */
  vocabulary?: Iterable<string>;
  /** Words that mean the same as another word (embed as that word), e.g. { transformer: "attention" }. */
  synonyms?: Record<string, string>;
  modelId?: string;
}

/**
 * A test-only embedder: each known word hashes to one signed dimension, so texts sharing words (or
 * declared synonyms) are similar and texts sharing none are nearly orthogonal. Unknown words let
 * tests show what search does when the model does not know a query's words.
 */
export class HashedEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  private readonly vocabulary: Set<string> | null;
  private readonly synonyms: Record<string, string>;

  constructor(options: HashedEmbedderOptions = {}) {
    this.dimensions = options.dimensions ?? 256;
    this.vocabulary = options.vocabulary ? new Set(options.vocabulary) : null;
    this.synonyms = options.synonyms ?? {};
    this.modelId = options.modelId ?? "test-hashed-v1";
  }

  embed(text: string): Float32Array {
    const vector = new Float32Array(this.dimensions);
    for (const word of text.toLowerCase().match(WORD) ?? []) {
      if (this.vocabulary && !this.vocabulary.has(word)) continue;
      const hash = createHash("sha1")
        .update(this.synonyms[word] ?? word)
        .digest();
      vector[hash.readUInt32BE(0) % this.dimensions]! += hash[4]! & 1 ? 1 : -1;
    }
    const norm = Math.hypot(...vector);
    return norm === 0 ? vector : vector.map((value) => value / norm);
  }
}
