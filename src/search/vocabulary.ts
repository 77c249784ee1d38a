import type { Embedder } from "./embedder.js";
import { isZeroVector } from "./quantize.js";

const WORD = /[\p{L}\p{N}]+/gu;

export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Whether the model has a vector for this word (a static model maps unknown words to zeros). */
export function knowsWord(embedder: Embedder, word: string): boolean {
  return !isZeroVector(embedder.embed(word));
}

/** The share of the query's words the model knows, 0 for a query without words. */
export function vocabularyCoverage(embedder: Embedder, words: string[]): number {
  if (words.length === 0) return 0;
  return words.filter((word) => knowsWord(embedder, word)).length / words.length;
}

/**
 * The paper's words closest in meaning to the query, for "related to: …" on a hit found by meaning
 * alone: words of the paper that are not query words, ranked by their vector's cosine to the query's.
 */
export function relatedTerms(
  embedder: Embedder,
  query: Float32Array,
  queryWords: string[],
  text: string,
  k: number,
): string[] {
  const skip = new Set(queryWords);
  const scored: { word: string; similarity: number }[] = [];
  for (const word of new Set(wordsOf(text))) {
    if (skip.has(word) || word.length < 3 || /^\d+$/.test(word)) continue;
    const vector = embedder.embed(word);
    let similarity = 0;
    for (let i = 0; i < vector.length; i++) similarity += vector[i]! * query[i]!;
    if (similarity > 0) scored.push({ word, similarity });
  }
  return scored
    .sort((a, b) => b.similarity - a.similarity || (a.word < b.word ? -1 : 1))
    .slice(0, k)
    .map((entry) => entry.word);
}
