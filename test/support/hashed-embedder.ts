import { createHash } from "node:crypto";
import type { Embedder } from "../../src/search/embedder.js";

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * A test-only embedder: each known word hashes to one signed dimension, so texts sharing words are
 * similar and texts sharing none are orthogonal. Words outside `vocabulary` (when given) are unknown,
 * which lets tests show what the search does when the model does not know a query's words.
 */
export class HashedEmbedder implements Embedder {
  readonly modelId: string;

  constructor(
    readonly dimensions = 64,
    private readonly vocabulary: Set<string> | null = null,
    modelId = "test-hashed-v1",
  ) {
    this.modelId = modelId;
  }

  embed(text: string): Float32Array {
    const vector = new Float32Array(this.dimensions);
    for (const word of text.toLowerCase().match(WORD) ?? []) {
      if (this.vocabulary && !this.vocabulary.has(word)) continue;
      const hash = createHash("sha1").update(word).digest();
      vector[hash.readUInt32BE(0) % this.dimensions]! += hash[4]! & 1 ? 1 : -1;
    }
    const norm = Math.hypot(...vector);
    return norm === 0 ? vector : vector.map((value) => value / norm);
  }
}
