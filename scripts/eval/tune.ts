import type { Embedder } from "../../src/search/embedder.js";
import {
  DEFAULT_FUSION,
  denseWeightFor,
  type FusionSettings,
  fuseCandidates,
  type LexicalCandidate,
  titleMatch,
  titleWeightFor,
} from "../../src/search/fusion.js";
import { lexicalSimilarities, queryText } from "../../src/search/search-service.js";
import type { Neighbour } from "../../src/search/vector-index.js";
import { vocabularyCoverage, wordsOf } from "../../src/search/vocabulary.js";
import { EVAL_DEPTH, type EvalQuery } from "./benchmark.js";
import { exactIndex } from "./corpus-store.js";
import {
  KNOWN_ITEM_SALT,
  KNOWN_ITEMS,
  type LoadedBenchmark,
  loadSciFact,
  openArxivCorpus,
} from "./datasets.js";
import { knownItemQueries, pickKnownItems } from "./known-item.js";
import { mean, ndcgAt, reciprocalRankAt } from "./metrics.js";

/** What one query's fusion needs, computed once so the grid costs only the fusion itself. */
interface Prepared {
  query: EvalQuery;
  lexical: LexicalCandidate[];
  dense: Neighbour[];
  /** The cosine of lexical candidates the dense side did not return, as the search service reads it. */
  similarities: Map<string, number>;
  coverage: number;
  /** Each candidate's title words (titleMatch). */
  titles: Map<string, string[]>;
  /** Each candidate's title cosine to the query by the model (modelTitleSimilarity, power 1). */
  titleCosines: Map<string, number>;
  /** The query's distinct words (titleMatch, titleWeightFor). */
  words: Set<string>;
}

const WEIGHTS = [0.1, 0.2];
const MIN_COVERAGES = [0.8];
const TITLE_WEIGHTS = [1, 2, 3, 4];
const COVERAGE_POWERS = [1, 2, 3];
const TITLE_QUERY_WORDS = [
  { full: 6, none: 12 },
  { full: 1_000, none: 1_001 },
];
/**
 * The model's title similarity, measured against the word match (ADR 0028): the cosine of the query's
 * vector to the title's, to a power, with the word match's weights and a steeper query-length ramp.
 */
const TITLE_COSINE_WEIGHTS = [1, 2, 3, 4];
const TITLE_COSINE_POWERS = [1, 2, 4];
const TITLE_COSINE_QUERY_WORDS = [
  { full: 3, none: 6 },
  { full: 6, none: 12 },
];

/** Which title feature a grid row adds: the product's word match, or the model's title cosine. */
type TitleFeature = "words" | "model";

/**
 * The model's similarity of a title to a query, 0–1: the cosine of the title's vector (embedded as the
 * query is, at search time) to the query's, negatives 0, to a power.
 */
export function modelTitleSimilarity(
  embedder: Embedder,
  queryVector: Float32Array,
  title: string,
  power: number,
): number {
  const titleVector = embedder.embed(title);
  let cosine = 0;
  for (let i = 0; i < queryVector.length; i++) cosine += queryVector[i]! * titleVector[i]!;
  return Math.max(0, cosine) ** power;
}

async function prepare(benchmark: LoadedBenchmark, embedder: Embedder): Promise<Prepared[]> {
  const prepared: Prepared[] = [];
  for (const query of benchmark.queries) {
    const text = queryText(query.query);
    const lexical = await benchmark.store.search({
      query: query.query,
      sort: "relevance",
      limit: EVAL_DEPTH,
      offset: 0,
    });
    const vector = embedder.embed(text);
    const dense = benchmark.index.nearest(vector, EVAL_DEPTH);
    const lexicalIds = lexical.hits.map((hit) => hit.paper.id);
    const papers = await benchmark.store.getPapers([
      ...new Set([...lexicalIds, ...dense.map((n) => n.paperId)]),
    ]);
    prepared.push({
      query,
      lexical: lexical.hits.map((hit) => ({ paperId: hit.paper.id, score: hit.score })),
      dense,
      similarities: await lexicalSimilarities(benchmark.store, embedder.modelId, lexicalIds, dense, vector),
      coverage: vocabularyCoverage(embedder, text),
      titles: new Map(papers.map((paper) => [paper.id, wordsOf(paper.title)])),
      titleCosines: new Map(
        papers.map((paper) => [paper.id, modelTitleSimilarity(embedder, vector, paper.title, 1)]),
      ),
      words: new Set(wordsOf(text)),
    });
  }
  return prepared;
}

function scoreGrid(
  prepared: Prepared[],
  metric: (ranked: string[], query: EvalQuery) => number,
  weight: number,
  minCoverage: number,
  titleWeight: number,
  titleQueryWords: FusionSettings["titleQueryWords"],
  power = 1,
  feature: TitleFeature = "words",
): number {
  const settings = { ...DEFAULT_FUSION, denseWeight: weight, minCoverage, titleWeight, titleQueryWords };
  return mean(
    prepared.map((p) => {
      const w = denseWeightFor(p.coverage, settings);
      const t = titleWeightFor(p.words.size, settings);
      const boosts = new Map(
        [...p.titles].map(([id, words]) => [
          id,
          t * (feature === "words" ? titleMatch(p.words, words, power) : p.titleCosines.get(id)! ** power),
        ]),
      );
      const ranked = fuseCandidates(p.lexical, p.dense, w, p.similarities, boosts).map((c) => c.paperId);
      return metric(ranked, p.query);
    }),
  );
}

/** Prints hybrid quality over a grid of fusion settings on the tuning data, beside lexical's. */
export async function runTuning(embedder: Embedder, log: (line: string) => void): Promise<void> {
  const sciFact = await loadSciFact(embedder, "train");
  const sciFactPrepared = await prepare(sciFact, embedder);
  await sciFact.store.close();

  const arxiv = await openArxivCorpus(embedder, log);
  // The development set: the 500 known items after the evaluation's 500 in the same order, which the
  // model's training also leaves out (training/corpus.py), so the dense side is not flattered.
  const items = (await pickKnownItems(arxiv, KNOWN_ITEM_SALT, 2 * KNOWN_ITEMS)).slice(KNOWN_ITEMS);
  const knownPrepared = await prepare(
    { store: arxiv, index: await exactIndex(arxiv, embedder), queries: knownItemQueries(items) },
    embedder,
  );
  await arxiv.close();

  const ndcg = (ranked: string[], query: EvalQuery) => ndcgAt(ranked, query.judgments, 10);
  const mrr = (ranked: string[], query: EvalQuery) => reciprocalRankAt(ranked, query.judgments, 10);
  console.log(
    `lexical: SciFact train nDCG@10 ${scoreGrid(sciFactPrepared, ndcg, 0, 1, 0, DEFAULT_FUSION.titleQueryWords).toFixed(3)}, known-item (development) MRR@10 ${scoreGrid(knownPrepared, mrr, 0, 1, 0, DEFAULT_FUSION.titleQueryWords).toFixed(3)}`,
  );
  console.log(
    "| title feature | titleWeight | power | title query words (full, none) | denseWeight | minCoverage | SciFact train nDCG@10 | known-item (development) MRR@10 |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  const row = (
    feature: TitleFeature,
    titleWeight: number,
    power: number,
    words: FusionSettings["titleQueryWords"],
  ) => {
    for (const weight of WEIGHTS) {
      for (const minCoverage of MIN_COVERAGES) {
        const args = [weight, minCoverage, titleWeight, words, power, feature] as const;
        const sciFactScore = scoreGrid(sciFactPrepared, ndcg, ...args);
        const knownScore = scoreGrid(knownPrepared, mrr, ...args);
        console.log(
          `| ${titleWeight === 0 ? "none" : feature} | ${titleWeight} | ${power} | ${words.full}, ${words.none} | ${weight} | ${minCoverage} | ${sciFactScore.toFixed(3)} | ${knownScore.toFixed(3)} |`,
        );
      }
    }
  };
  row("words", 0, 1, TITLE_QUERY_WORDS[0]!);
  for (const titleWeight of TITLE_WEIGHTS) {
    for (const power of COVERAGE_POWERS) {
      for (const words of TITLE_QUERY_WORDS) row("words", titleWeight, power, words);
    }
  }
  for (const titleWeight of TITLE_COSINE_WEIGHTS) {
    for (const power of TITLE_COSINE_POWERS) {
      for (const words of TITLE_COSINE_QUERY_WORDS) row("model", titleWeight, power, words);
    }
  }
  const coverages = sciFactPrepared.map((p) => p.coverage).sort((a, b) => a - b);
  const knownCoverages = knownPrepared.map((p) => p.coverage).sort((a, b) => a - b);
  const quartiles = (values: number[]) =>
    [0.25, 0.5, 0.75].map((q) => values[Math.floor(q * values.length)]!.toFixed(2)).join(" / ");
  console.log(
    `query coverage quartiles: SciFact train ${quartiles(coverages)}; known-item (development) ${quartiles(knownCoverages)}`,
  );
}
