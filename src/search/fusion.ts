import type { Embedder } from "./embedder.js";
import type { Neighbour } from "./vector-index.js";
import { wordsOf } from "./vocabulary.js";

/** How much the dense side counts, and when it is trusted at all; tuned by `npm run eval -- --tune`. */
export interface FusionSettings {
  /** The dense side's share of the blended score when the model knows all of the query's words. */
  denseWeight: number;
  /** Query vocabulary coverage at or below which the dense side is ignored (its words are mostly unknown). */
  minCoverage: number;
  /**
   * Candidates taken from each side before fusing, at least the requested page's end (the lexical side
   * reads `titleDepth` when the title boost applies). Lexical ones are ids and BM25 scores only; just the
   * page shown is read and highlighted.
   */
  depth: number;
  /**
   * What a candidate's title similarity (titleSimilarity, 0–1, by the title model) adds to its blended
   * score, times the query's title share (titleShareFor): a known-item search names words of the title,
   * and among papers that all hold those words the one whose title they make up is the one sought. 0
   * turns it off.
   */
  titleWeight: number;
  /** The power of the title model's cosine (titleSimilarity): above 1, only close titles count much. */
  titlePower: number;
  /**
   * What a candidate's word title match (titleWordMatch, 0–1) adds beside its title similarity: the title
   * model tells a title's topic, the word match whether the title holds the very words typed. 0 turns it off.
   */
  titleWordWeight: number;
  /**
   * Query lengths (distinct words) over which the title weights fall linearly from full to 0: a few
   * words recalled from a title deserve the title boost, a long description of a topic (a claim, an
   * abstract's sentences) does not.
   */
  titleQueryWords: { full: number; none: number };
  /**
   * Word matches read, best BM25 first, when the title boost applies (at least `depth`): a remembered
   * title's words are often common ones, held by hundreds of papers, and the paper they come from can
   * sit far below BM25's first `depth`; its title is what lifts it.
   */
  titleDepth: number;
}

/** Tuned with the dense weight (docs/SEARCH_QUALITY.md, ADRs 0029, 0030, 0032). */
const TITLE_WEIGHT = 2;
const TITLE_POWER = 4;
const TITLE_WORD_WEIGHT = 3;
const TITLE_QUERY_WORDS = { full: 4, none: 8 };
const TITLE_DEPTH = 300;

/** Whether hybrid ranking boosts titles at all: by the title model's similarity (when one is loaded) or the word match. */
export function titleBoostApplies(settings: FusionSettings, hasTitleModel: boolean): boolean {
  return (hasTitleModel && settings.titleWeight > 0) || settings.titleWordWeight > 0;
}

/**
 * The share of the title weights, 0–1, a query of this many distinct words gets
 * (FusionSettings.titleQueryWords).
 */
export function titleShareFor(queryWords: number, settings: FusionSettings): number {
  const { full, none } = settings.titleQueryWords;
  // No words, no title to match: a query of filters alone.
  if (queryWords === 0) return 0;
  if (queryWords <= full) return 1;
  if (queryWords >= none) return 0;
  return (none - queryWords) / (none - full);
}

/**
 * How well a title answers the query, 0–1: the cosine of their vectors by the title model (trained to
 * bring a remembered title's words to that title rather than to titles about the same things), negatives
 * 0 (titleBoost raises it to FusionSettings.titlePower).
 */
export function titleSimilarity(queryVector: Float32Array, titleVector: Float32Array): number {
  let cosine = 0;
  for (let i = 0; i < queryVector.length; i++) cosine += queryVector[i]! * titleVector[i]!;
  return Math.max(0, cosine);
}

/** The power of the share of the query a title holds: a title holding a few words of a long query counts little. */
const WORD_COVERAGE_POWER = 3;
/** How much each title word the query does not name discounts the match. */
const OTHER_TITLE_WORD_DISCOUNT = 0.1;

/**
 * How fully a title holds the query's words, 0–1 (ADRs 0022, 0032): the share of the query's distinct
 * words the title holds, cubed, discounted a little for each other word of the title:
 * share³ · (m + 1) / (m + 1 + 0.1 · other title words), m the query words matched. Words compared as
 * `wordsOf` splits them (lower case, no stemming).
 */
export function titleWordMatch(queryWords: ReadonlySet<string>, titleWords: readonly string[]): number {
  if (queryWords.size === 0) return 0;
  const matched = new Set(titleWords.filter((word) => queryWords.has(word))).size;
  const others = titleWords.filter((word) => !queryWords.has(word)).length;
  const share = (matched / queryWords.size) ** WORD_COVERAGE_POWER;
  return (share * (matched + 1)) / (matched + 1 + OTHER_TITLE_WORD_DISCOUNT * others);
}

/**
 * What one title adds to its paper's blended score: share · (titleWeight · similarity^titlePower +
 * titleWordWeight · wordMatch), share the query's title share (titleShareFor), similarity the title
 * model's cosine with negatives 0 (titleSimilarity), wordMatch its titleWordMatch.
 */
export function titleBoost(
  share: number,
  similarity: number,
  wordMatch: number,
  settings: FusionSettings,
): number {
  return (
    share * (settings.titleWeight * similarity ** settings.titlePower + settings.titleWordWeight * wordMatch)
  );
}

/**
 * Each paper's titleBoost. The title model's part needs one (`titleEmbedder`); the word match needs none.
 */
export function titleBoosts(
  query: { text: string; words: ReadonlySet<string> },
  titles: ReadonlyMap<string, string>,
  share: number,
  settings: FusionSettings,
  titleEmbedder?: Embedder,
): Map<string, number> {
  const boosts = new Map<string, number>();
  if (share === 0) return boosts;
  const model = settings.titleWeight > 0 ? titleEmbedder : undefined;
  const queryVector = model?.embed(query.text);
  for (const [paperId, title] of titles) {
    const similarity = model && queryVector ? titleSimilarity(queryVector, model.embed(title)) : 0;
    boosts.set(paperId, titleBoost(share, similarity, titleWordMatch(query.words, wordsOf(title)), settings));
  }
  return boosts;
}

/**
 * Tuned on SciFact train and a known-item set disjoint from the evaluation's (docs/SEARCH_QUALITY.md):
 * with the document model's revisions so far no dense weight beat lexical ranking on either, so the
 * dense side mostly adds papers found by meaning below the word matches; the title model's similarity
 * and the word title match, together, are what lift known-item searches. Re-run the grid when a model
 * changes.
 */
export const DEFAULT_FUSION: FusionSettings = {
  denseWeight: 0.1,
  minCoverage: 0.8,
  depth: 30,
  titleWeight: TITLE_WEIGHT,
  titlePower: TITLE_POWER,
  titleWordWeight: TITLE_WORD_WEIGHT,
  titleQueryWords: TITLE_QUERY_WORDS,
  titleDepth: TITLE_DEPTH,
};

export interface LexicalCandidate {
  paperId: string;
  /** BM25, higher is better. */
  score: number;
}

export interface FusedCandidate {
  paperId: string;
  score: number;
  /** Whether each side retrieved it (a semantic-only hit explains itself differently). */
  lexical: boolean;
  dense: boolean;
}

/**
 * The dense side's weight for one query. A static model knows nothing of words it never saw in
 * training: when most of a query's words are unknown (an out-of-domain query), its vector stands
 * for a few generic words and would drown BM25's exact matches, so the weight falls to zero.
 */
export function denseWeightFor(coverage: number, settings: FusionSettings): number {
  if (coverage <= settings.minCoverage) return 0;
  return (settings.denseWeight * (coverage - settings.minCoverage)) / (1 - settings.minCoverage);
}

/** Scales scores to [0, 1] within their list: the best is 1, the list's floor (its last) 0. */
function normalised<T>(items: T[], score: (item: T) => number): Map<T, number> {
  const scores = items.map(score);
  // A loop, not Math.max(...scores): spreading thousands of arguments overflows the stack.
  let top = Number.NEGATIVE_INFINITY;
  let floor = Number.POSITIVE_INFINITY;
  for (const value of scores) {
    if (value > top) top = value;
    if (value < floor) floor = value;
  }
  const range = top - floor;
  return new Map(items.map((item, i) => [item, range > 0 ? (scores[i]! - floor) / range : 1]));
}

/**
 * A convex blend of min-max normalised scores: (1 − w)·BM25 + w·cosine, a paper missing from the
 * lexical side scoring 0 there. Unlike reciprocal rank fusion it keeps score gaps, so a strong lexical
 * match is not overtaken by a weak dense one when w is small. `lexicalSimilarities` holds the cosine of
 * lexical candidates the dense side did not return (read from their stored vectors): every candidate
 * then has its true cosine, instead of the dense side's floor, and the dense side reorders the word
 * matches as well as adding papers; a candidate without a vector scores the floor there.
 * `titleBoosts` adds each listed candidate's title similarity, already weighted (FusionSettings.titleWeight).
 */
export function fuseCandidates(
  lexical: LexicalCandidate[],
  dense: Neighbour[],
  weight: number,
  lexicalSimilarities: ReadonlyMap<string, number> = new Map(),
  titleBoosts: ReadonlyMap<string, number> = new Map(),
): FusedCandidate[] {
  const fused = new Map<string, FusedCandidate>();
  for (const [candidate, score] of normalised(lexical, (c) => c.score)) {
    fused.set(candidate.paperId, {
      paperId: candidate.paperId,
      score: (1 - weight) * score,
      lexical: true,
      dense: false,
    });
  }
  if (weight > 0) addDense(fused, dense, weight, lexicalSimilarities);
  for (const [paperId, boost] of titleBoosts) {
    const entry = fused.get(paperId);
    if (entry) entry.score += boost;
  }
  return ranked(fused);
}

function addDense(
  fused: Map<string, FusedCandidate>,
  dense: Neighbour[],
  weight: number,
  lexicalSimilarities: ReadonlyMap<string, number>,
): void {
  const similarities = new Map(lexicalSimilarities);
  for (const neighbour of dense) similarities.set(neighbour.paperId, neighbour.similarity);
  for (const [paperId, score] of normalised([...similarities.keys()], (id) => similarities.get(id)!)) {
    const entry = fused.get(paperId);
    if (entry) entry.score += weight * score;
    else fused.set(paperId, { paperId, score: weight * score, lexical: false, dense: true });
  }
  for (const neighbour of dense) fused.get(neighbour.paperId)!.dense = true;
}

function ranked(fused: Map<string, FusedCandidate>): FusedCandidate[] {
  return [...fused.values()].sort((a, b) => b.score - a.score || (a.paperId < b.paperId ? -1 : 1));
}
