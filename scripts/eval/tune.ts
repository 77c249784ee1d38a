import type { Embedder } from "../../src/search/embedder.js";
import {
  DEFAULT_FUSION,
  denseWeightFor,
  type FusionSettings,
  fuseCandidates,
  type LexicalCandidate,
  titleBoost,
  titleBoostApplies,
  titleShareFor,
  titleSimilarity,
  titleWordMatch,
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
  /** Each candidate's title words (titleWordMatch). */
  titles: Map<string, string[]>;
  /** Each candidate's title cosine to the query by the document model and by the title model (power 1). */
  titleCosines: Record<"document model" | "title model", Map<string, number>>;
  /** The query's distinct words (titleWordMatch, titleShareFor). */
  words: Set<string>;
}

const WEIGHTS = [0.1, 0.2];
const MIN_COVERAGES = [0.8];
/** The model whose title cosine a row reads: the document model's (ADR 0028) or the title model's (ADR 0029). */
type TitleModel = "document model" | "title model";
/** One row of the grid: the title settings of FusionSettings, and the model the title cosine comes from. */
interface TitleSetting {
  model: TitleModel;
  titleWeight: number;
  titlePower: number;
  titleWordWeight: number;
  titleQueryWords: FusionSettings["titleQueryWords"];
  titleDepth: number;
}
const TITLE_QUERY_WORDS = [
  { full: 3, none: 6 },
  { full: 4, none: 8 },
  { full: 6, none: 12 },
];
const PAGE_DEPTH = DEFAULT_FUSION.depth;
const NO_TITLE: TitleSetting = {
  model: "title model",
  titleWeight: 0,
  titlePower: 1,
  titleWordWeight: 0,
  titleQueryWords: TITLE_QUERY_WORDS[0]!,
  titleDepth: PAGE_DEPTH,
};

/**
 * The grid: the word title match alone (ADR 0022), the document model's title cosine alone (ADR 0028),
 * the title model's alone (ADRs 0029, 0030) and the title model's with the word match (ADR 0032, the
 * product's), each over its weights, powers, query-length ramps and depths.
 */
function titleSettings(): TitleSetting[] {
  const settings: TitleSetting[] = [NO_TITLE];
  const grid = (
    model: TitleModel,
    weights: number[],
    powers: number[],
    wordWeights: number[],
    depths: number[],
  ) => {
    for (const titleWeight of weights)
      for (const titlePower of powers)
        for (const titleWordWeight of wordWeights)
          for (const titleQueryWords of TITLE_QUERY_WORDS)
            for (const titleDepth of depths)
              settings.push({ model, titleWeight, titlePower, titleWordWeight, titleQueryWords, titleDepth });
  };
  grid("title model", [0], [1], [1, 2, 3, 4], [PAGE_DEPTH, 300]);
  grid("document model", [2, 4, 6, 8], [1, 2, 4], [0], [PAGE_DEPTH]);
  grid("title model", [2, 4, 6, 8], [1, 2, 4, 8], [0], [PAGE_DEPTH, 100, 300, 500]);
  grid("title model", [1, 2, 3, 4], [2, 4], [1, 2, 3, 4], [300, 500]);
  return settings;
}
/** BM25's list is read once, as deep as the deepest row reads it. */
const DEEPEST = Math.max(...titleSettings().map((setting) => setting.titleDepth));

/** The document model (stored vectors, the dense side) and the title model (the title similarity). */
export interface EvaluationModels {
  embedder: Embedder;
  titleEmbedder: Embedder;
}

/** Each paper's title cosine to the query by one model (power 1). */
function titleCosines(model: Embedder, text: string, papers: { id: string; title: string }[]) {
  const queryVector = model.embed(text);
  return new Map(papers.map((paper) => [paper.id, titleSimilarity(queryVector, model.embed(paper.title))]));
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
  title: TitleSetting,
): number {
  const settings = { ...DEFAULT_FUSION, ...title, denseWeight: weight, minCoverage };
  // The grid always loads the title model.
  const boosted = titleBoostApplies(settings, true);
  return mean(
    prepared.map((p) => {
      const w = denseWeightFor(p.coverage, settings);
      const share = boosted ? titleShareFor(p.words.size, settings) : 0;
      // As the search service reads BM25's list: deeper when the title boost applies.
      const lexical = p.lexical.slice(0, share > 0 ? Math.max(PAGE_DEPTH, title.titleDepth) : PAGE_DEPTH);
      const read = new Set(lexical.map((c) => c.paperId));
      const similarities = new Map([...p.similarities].filter(([id]) => read.has(id)));
      // Only word matches get a title boost, as in the product.
      const boosts = new Map(
        [...p.titles]
          .filter(([id]) => read.has(id))
          .map(([id, words]) => [
            id,
            titleBoost(share, p.titleCosines[title.model].get(id)!, titleWordMatch(p.words, words), settings),
          ]),
      );
      const ranked = fuseCandidates(lexical, p.dense, w, similarities, boosts).map((c) => c.paperId);
      return metric(ranked, p.query);
    }),
  );
}

/** What a row's title feature is called in the printed grid. */
function featureName(title: TitleSetting): string {
  if (title.titleWeight === 0) return title.titleWordWeight === 0 ? "none" : "word match";
  return title.titleWordWeight === 0 ? title.model : `${title.model} + word match`;
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
    `lexical: SciFact train nDCG@10 ${scoreGrid(sciFactPrepared, ndcg, 0, 1, NO_TITLE).toFixed(3)}, known-item (development) MRR@10 ${scoreGrid(knownPrepared, mrr, 0, 1, NO_TITLE).toFixed(3)}`,
  );
  console.log(
    "| title feature | titleWeight | titlePower | titleWordWeight | title query words (full, none) | titleDepth | denseWeight | minCoverage | SciFact train nDCG@10 | known-item (development) MRR@10 |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const title of titleSettings()) {
    for (const weight of WEIGHTS) {
      for (const minCoverage of MIN_COVERAGES) {
        const sciFactScore = scoreGrid(sciFactPrepared, ndcg, weight, minCoverage, title);
        const knownScore = scoreGrid(knownPrepared, mrr, weight, minCoverage, title);
        const { titleQueryWords: words } = title;
        console.log(
          `| ${featureName(title)} | ${title.titleWeight} | ${title.titlePower} | ${title.titleWordWeight} | ${words.full}, ${words.none} | ${title.titleDepth} | ${weight} | ${minCoverage} | ${sciFactScore.toFixed(3)} | ${knownScore.toFixed(3)} |`,
        );
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
