import type { Embedder } from "./embedder.js";
import { isZeroVector } from "./quantize.js";

const WORD = /[\p{L}\p{N}]+/gu;

export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** What a model may add to the Embedder contract to explain itself (the bundled static model does). */
interface ExplainingEmbedder extends Embedder {
  coverage(text: string): number;
  relatedTerms(query: string, text: string, k: number): { term: string }[];
}

function explains(embedder: Embedder): embedder is ExplainingEmbedder {
  const candidate = embedder as Partial<ExplainingEmbedder>;
  return typeof candidate.coverage === "function" && typeof candidate.relatedTerms === "function";
}

/**
 * The share of the query the model knows, 0–1: the model's own measure when it has one (the bundled
 * model weighs rare words more), else the share of words it embeds to something.
 */
export function vocabularyCoverage(embedder: Embedder, query: string): number {
  if (explains(embedder)) return embedder.coverage(query);
  const words = wordsOf(query);
  if (words.length === 0) return 0;
  return words.filter((word) => !isZeroVector(embedder.embed(word))).length / words.length;
}

/**
 * The paper's words closest in meaning to the query, for "related to: …" on a hit found by meaning
 * alone: the model's own choice when it has one, else the paper's words (not the query's) ranked by
 * their vector's cosine to the query's.
 */
export function relatedTerms(embedder: Embedder, query: string, text: string, k: number): string[] {
  if (explains(embedder)) return embedder.relatedTerms(query, text, k).map((related) => related.term);
  const queryVector = embedder.embed(query);
  const skip = new Set(wordsOf(query));
  const scored: { word: string; similarity: number }[] = [];
  for (const word of new Set(wordsOf(text))) {
    if (skip.has(word) || word.length < 3 || /^\d+$/.test(word)) continue;
    const vector = embedder.embed(word);
    let similarity = 0;
    for (let i = 0; i < vector.length; i++) similarity += vector[i]! * queryVector[i]!;
    if (similarity > 0) scored.push({ word, similarity });
  }
  return scored
    .sort((a, b) => b.similarity - a.similarity || (a.word < b.word ? -1 : 1))
    .slice(0, k)
    .map((entry) => entry.word);
}
