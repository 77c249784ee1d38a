/** Retrieval metrics as BEIR and TREC compute them (linear gains for nDCG). */

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
