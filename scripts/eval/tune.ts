import type { Embedder } from "../../src/search/embedder.js";
import {
  DEFAULT_FUSION,
  denseWeightFor,
  type FusionSettings,
  fuseCandidates,
  type LexicalCandidate,
  titleSimilarity,
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
  /** Each candidate's title words (wordTitleMatch). */
  titles: Map<string, string[]>;
  /** Each candidate's title cosine to the query by the document model and by the title model (power 1). */
  titleCosines: Record<"document model" | "title model", Map<string, number>>;
  /** The query's distinct words (wordTitleMatch, titleWeightFor). */
  words: Set<string>;
  /** The lexical side's candidates: only word matches get a title boost, as in the product. */
  wordMatches: Set<string>;
}

const WEIGHTS = [0.1, 0.2];
const MIN_COVERAGES = [0.8];
/**
 * The title features compared: the word title match hybrid ranking used before the title model (ADR
 * 0022), the document model's title cosine (ADR 0028) and the title model's (ADR 0029, the product's).
 */
type TitleFeature = "words" | "document model" | "title model";
const TITLE_WEIGHTS = [2, 3, 4, 6, 8];
/** Coverage powers for the word match, cosine powers for the models. */
const POWERS: Record<TitleFeature, number[]> = {
  words: [1, 3],
  "document model": [1, 2, 4],
  "title model": [1, 2, 4, 8],
};
const TITLE_QUERY_WORDS = [
  { full: 3, none: 6 },
  { full: 4, none: 8 },
  { full: 6, none: 12 },
];

/**
 * The word title match (ADR 0022), kept as the baseline the models' title similarity is measured
 * against: the share of the query's distinct words the title holds, to a power, discounted as the title
 * holds other words: coverage^p · (m + 1) / (m + 1 + 0.5 · other title words), m the words matched.
 */
export function wordTitleMatch(
  queryWords: ReadonlySet<string>,
  titleWords: readonly string[],
  coveragePower: number,
): number {
  if (queryWords.size === 0) return 0;
  const matched = new Set(titleWords.filter((word) => queryWords.has(word))).size;
  const others = titleWords.filter((word) => !queryWords.has(word)).length;
  const coverage = (matched / queryWords.size) ** coveragePower;
  return (coverage * (matched + 1)) / (matched + 1 + 0.5 * others);
}

/** The document model (stored vectors, the dense side) and the title model (the title similarity). */
export interface EvaluationModels {
  embedder: Embedder;
  titleEmbedder: Embedder;
}

/** Each paper's title cosine to the query by one model (power 1). */
function titleCosines(model: Embedder, text: string, papers: { id: string; title: string }[]) {
  const queryVector = model.embed(text);
  return new Map(
    papers.map((paper) => [paper.id, titleSimilarity(queryVector, model.embed(paper.title), 1)]),
  );
}

async function prepare(benchmark: LoadedBenchmark, models: EvaluationModels): Promise<Prepared[]> {
  const { embedder, titleEmbedder } = models;
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
      titleCosines: {
        "document model": titleCosines(embedder, text, papers),
        "title model": titleCosines(titleEmbedder, text, papers),
      },
      words: new Set(wordsOf(text)),
      wordMatches: new Set(lexicalIds),
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
  feature: TitleFeature = "title model",
): number {
  const settings = { ...DEFAULT_FUSION, denseWeight: weight, minCoverage, titleWeight, titleQueryWords };
  return mean(
    prepared.map((p) => {
      const w = denseWeightFor(p.coverage, settings);
      const t = titleWeightFor(p.words.size, settings);
      const boosts = new Map(
        [...p.titles]
          .filter(([id]) => p.wordMatches.has(id))
          .map(([id, words]) => [
            id,
            t *
              (feature === "words"
                ? wordTitleMatch(p.words, words, power)
                : p.titleCosines[feature].get(id)! ** power),
          ]),
      );
      const ranked = fuseCandidates(p.lexical, p.dense, w, p.similarities, boosts).map((c) => c.paperId);
      return metric(ranked, p.query);
    }),
  );
}

/** Prints hybrid quality over a grid of fusion settings on the tuning data, beside lexical's. */
export async function runTuning(models: EvaluationModels, log: (line: string) => void): Promise<void> {
  const { embedder } = models;
  const sciFact = await loadSciFact(embedder, "train");
  const sciFactPrepared = await prepare(sciFact, models);
  await sciFact.store.close();

  const arxiv = await openArxivCorpus(embedder, log);
  // The development set: the 500 known items after the evaluation's 500 in the same order, which the
  // model's training also leaves out (training/corpus.py), so the dense side is not flattered.
  const items = (await pickKnownItems(arxiv, KNOWN_ITEM_SALT, 2 * KNOWN_ITEMS)).slice(KNOWN_ITEMS);
  const knownPrepared = await prepare(
    { store: arxiv, index: await exactIndex(arxiv, embedder), queries: knownItemQueries(items) },
    models,
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
  for (const feature of ["words", "document model", "title model"] as const) {
    for (const titleWeight of TITLE_WEIGHTS) {
      for (const power of POWERS[feature]) {
        for (const words of TITLE_QUERY_WORDS) row(feature, titleWeight, power, words);
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
