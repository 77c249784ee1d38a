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
import type { EvalQuery } from "./benchmark.js";
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

/**
 * What one query's fusion needs, computed once so the grid costs only the fusion itself. The grid ranks
 * a first page, as the evaluation's @10 metrics read it (FIRST_PAGE): FusionSettings.depth candidates a
 * side, the lexical side deeper when the title boost applies.
 */
interface Prepared {
  query: EvalQuery;
  /** BM25's list, as deep as the deepest title depth of the grid; each setting reads its own share. */
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
const PAGE_DEPTH = DEFAULT_FUSION.depth;
/**
 * Word matches read when the title boost applies (FusionSettings.titleDepth): as many as the first
 * page reads, and deeper for the title model (the other features are the baselines it is measured against).
 */
const TITLE_DEPTHS: Record<TitleFeature, number[]> = {
  words: [PAGE_DEPTH],
  "document model": [PAGE_DEPTH],
  "title model": [PAGE_DEPTH, 100, 300, 500],
};
const DEEPEST = Math.max(...Object.values(TITLE_DEPTHS).flat());

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
      limit: DEEPEST,
      offset: 0,
    });
    const vector = embedder.embed(text);
    const dense = benchmark.index.nearest(vector, PAGE_DEPTH);
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
  titleDepth: number = PAGE_DEPTH,
): number {
  const settings = { ...DEFAULT_FUSION, denseWeight: weight, minCoverage, titleWeight, titleQueryWords };
  return mean(
    prepared.map((p) => {
      const w = denseWeightFor(p.coverage, settings);
      const t = titleWeightFor(p.words.size, settings);
      // As the search service reads BM25's list: deeper when the title boost applies.
      const lexical = p.lexical.slice(0, t > 0 ? Math.max(PAGE_DEPTH, titleDepth) : PAGE_DEPTH);
      const read = new Set(lexical.map((c) => c.paperId));
      const similarities = new Map([...p.similarities].filter(([id]) => read.has(id)));
      // Only word matches get a title boost, as in the product.
      const boosts = new Map(
        [...p.titles]
          .filter(([id]) => read.has(id))
          .map(([id, words]) => [
            id,
            t *
              (feature === "words"
                ? wordTitleMatch(p.words, words, power)
                : p.titleCosines[feature].get(id)! ** power),
          ]),
      );
      const ranked = fuseCandidates(lexical, p.dense, w, similarities, boosts).map((c) => c.paperId);
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
    "| title feature | titleWeight | power | title query words (full, none) | titleDepth | denseWeight | minCoverage | SciFact train nDCG@10 | known-item (development) MRR@10 |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
  const row = (
    feature: TitleFeature,
    titleWeight: number,
    power: number,
    words: FusionSettings["titleQueryWords"],
    titleDepth: number,
  ) => {
    for (const weight of WEIGHTS) {
      for (const minCoverage of MIN_COVERAGES) {
        const args = [weight, minCoverage, titleWeight, words, power, feature, titleDepth] as const;
        const sciFactScore = scoreGrid(sciFactPrepared, ndcg, ...args);
        const knownScore = scoreGrid(knownPrepared, mrr, ...args);
        console.log(
          `| ${titleWeight === 0 ? "none" : feature} | ${titleWeight} | ${power} | ${words.full}, ${words.none} | ${titleDepth} | ${weight} | ${minCoverage} | ${sciFactScore.toFixed(3)} | ${knownScore.toFixed(3)} |`,
        );
      }
    }
  };
  row("words", 0, 1, TITLE_QUERY_WORDS[0]!, PAGE_DEPTH);
  for (const feature of ["words", "document model", "title model"] as const) {
    for (const titleWeight of TITLE_WEIGHTS) {
      for (const power of POWERS[feature]) {
        for (const words of TITLE_QUERY_WORDS) {
          for (const titleDepth of TITLE_DEPTHS[feature]) row(feature, titleWeight, power, words, titleDepth);
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
