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
  /** The query's distinct words (titleMatch, titleWeightFor). */
  words: Set<string>;
}

const WEIGHTS = [0.1, 0.2];
const MIN_COVERAGES = [0.8];
const TITLE_WEIGHTS = [0, 1, 2, 3, 4];
const COVERAGE_POWERS = [1, 2, 3];
const TITLE_QUERY_WORDS = [
  { full: 6, none: 12 },
  { full: 1_000, none: 1_001 },
];

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
  coveragePower = 1,
): number {
  const settings = { ...DEFAULT_FUSION, denseWeight: weight, minCoverage, titleWeight, titleQueryWords };
  return mean(
    prepared.map((p) => {
      const w = denseWeightFor(p.coverage, settings);
      const t = titleWeightFor(p.words.size, settings);
      const boosts = new Map(
        [...p.titles].map(([id, words]) => [id, t * titleMatch(p.words, words, coveragePower)]),
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
    "| titleWeight | coverage power | title query words (full, none) | denseWeight | minCoverage | SciFact train nDCG@10 | known-item (development) MRR@10 |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|");
  for (const titleWeight of TITLE_WEIGHTS) {
    for (const power of titleWeight === 0 ? [1] : COVERAGE_POWERS) {
      for (const words of titleWeight === 0 ? [TITLE_QUERY_WORDS[0]!] : TITLE_QUERY_WORDS) {
        for (const weight of WEIGHTS) {
          for (const minCoverage of MIN_COVERAGES) {
            const args = [weight, minCoverage, titleWeight, words, power] as const;
            const sciFactScore = scoreGrid(sciFactPrepared, ndcg, ...args);
            const knownScore = scoreGrid(knownPrepared, mrr, ...args);
            console.log(
              `| ${titleWeight} | ${power} | ${words.full}, ${words.none} | ${weight} | ${minCoverage} | ${sciFactScore.toFixed(3)} | ${knownScore.toFixed(3)} |`,
            );
          }
        }
      }
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
