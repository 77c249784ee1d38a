/** Retrieval metrics as BEIR and TREC compute them (linear gains for nDCG). */
import { seededRandom } from "../../bench/seeded-random.js";

/** Graded judgments of one query: document id → relevance (0 = judged not relevant). */
export type Judgments = Map<string, number>;

function discountedGain(grades: number[], k: number): number {
  let sum = 0;
  for (let i = 0; i < Math.min(k, grades.length); i++) sum += grades[i]! / Math.log2(i + 2);
  return sum;
}

/** nDCG@k: the ranking's discounted gain over the best possible one's; 0 when nothing is relevant. */
export function ndcgAt(ranked: string[], judgments: Judgments, k: number): number {
  const ideal = discountedGain(
    [...judgments.values()].filter((grade) => grade > 0).sort((a, b) => b - a),
    k,
  );
  if (ideal === 0) return 0;
  return (
    discountedGain(
      ranked.map((id) => Math.max(judgments.get(id) ?? 0, 0)),
      k,
    ) / ideal
  );
}

/** Recall@k: the share of relevant documents found in the first k. */
export function recallAt(ranked: string[], judgments: Judgments, k: number): number {
  const relevant = [...judgments].filter(([, grade]) => grade > 0).map(([id]) => id);
  if (relevant.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((id) => top.has(id)).length / relevant.length;
}

/** Reciprocal rank of the first relevant document within the first k, else 0. */
export function reciprocalRankAt(ranked: string[], judgments: Judgments, k: number): number {
  const position = ranked.slice(0, k).findIndex((id) => (judgments.get(id) ?? 0) > 0);
  return position === -1 ? 0 : 1 / (position + 1);
}

export function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

export interface Interval {
  mean: number;
  low: number;
  high: number;
}

/**
 * The mean of the paired differences a[i] − b[i] (the same queries ranked two ways) with a 95% percentile
 * bootstrap interval over the queries: how far the measured gap could move on another sample of
 * queries like these. A fixed seed keeps a report reproducible.
 */
export function pairedDifferenceInterval(a: number[], b: number[], resamples = 10_000, seed = 1): Interval {
  if (a.length !== b.length) throw new Error(`paired scores differ in length: ${a.length} and ${b.length}`);
  const differences = a.map((value, i) => value - b[i]!);
  const random = seededRandom(seed);
  const means: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < differences.length; i++)
      sum += differences[Math.floor(random() * differences.length)]!;
    means.push(differences.length === 0 ? 0 : sum / differences.length);
  }
  means.sort((x, y) => x - y);
  const at = (share: number) => means[Math.min(resamples - 1, Math.floor(share * resamples))]!;
  return { mean: mean(differences), low: at(0.025), high: at(0.975) };
}
