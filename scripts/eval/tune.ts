import type { Embedder } from "../../src/search/embedder.js";
import {
  DEFAULT_FUSION,
  denseWeightFor,
  fuseCandidates,
  type LexicalCandidate,
} from "../../src/search/fusion.js";
import { queryText } from "../../src/search/search-service.js";
import type { Neighbour } from "../../src/search/vector-index.js";
import { vocabularyCoverage } from "../../src/search/vocabulary.js";
import { EVAL_DEPTH, type EvalQuery } from "./benchmark.js";
import { exactIndex } from "./corpus-store.js";
import { KNOWN_ITEM_SALT, type LoadedBenchmark, loadSciFact, openArxivCorpus } from "./datasets.js";
import { knownItemQueries, pickKnownItems } from "./known-item.js";
import { mean, ndcgAt, reciprocalRankAt } from "./metrics.js";

/** What one query's fusion needs, computed once so the grid costs only the fusion itself. */
interface Prepared {
  query: EvalQuery;
  lexical: LexicalCandidate[];
  dense: Neighbour[];
  coverage: number;
}

const TUNING_ITEMS = 300;
const WEIGHTS = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
const MIN_COVERAGES = [0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9];

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
    prepared.push({
      query,
      lexical: lexical.hits.map((hit) => ({ paperId: hit.paper.id, score: hit.score })),
      dense: benchmark.index.nearest(embedder.embed(text), EVAL_DEPTH),
      coverage: vocabularyCoverage(embedder, text),
    });
  }
  return prepared;
}

function scoreGrid(
  prepared: Prepared[],
  metric: (ranked: string[], query: EvalQuery) => number,
  weight: number,
  minCoverage: number,
): number {
  const settings = { ...DEFAULT_FUSION, denseWeight: weight, minCoverage };
  return mean(
    prepared.map((p) => {
      const w = denseWeightFor(p.coverage, settings);
      const ranked = fuseCandidates(p.lexical, w > 0 ? p.dense : [], w).map((c) => c.paperId);
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
  const evaluation = new Set((await pickKnownItems(arxiv, KNOWN_ITEM_SALT, 500)).map((item) => item.paperId));
  const items = await pickKnownItems(arxiv, "tune:", TUNING_ITEMS, evaluation);
  const knownPrepared = await prepare(
    { store: arxiv, index: await exactIndex(arxiv, embedder), queries: knownItemQueries(items) },
    embedder,
  );
  await arxiv.close();

  const ndcg = (ranked: string[], query: EvalQuery) => ndcgAt(ranked, query.judgments, 10);
  const mrr = (ranked: string[], query: EvalQuery) => reciprocalRankAt(ranked, query.judgments, 10);
  console.log(
    `lexical: SciFact train nDCG@10 ${scoreGrid(sciFactPrepared, ndcg, 0, 1).toFixed(3)}, known-item (tune) MRR@10 ${scoreGrid(knownPrepared, mrr, 0, 1).toFixed(3)}`,
  );
  console.log("| denseWeight | minCoverage | SciFact train nDCG@10 | known-item (tune) MRR@10 |");
  console.log("|---:|---:|---:|---:|");
  for (const weight of WEIGHTS) {
    for (const minCoverage of MIN_COVERAGES) {
      console.log(
        `| ${weight} | ${minCoverage} | ${scoreGrid(sciFactPrepared, ndcg, weight, minCoverage).toFixed(3)} | ${scoreGrid(knownPrepared, mrr, weight, minCoverage).toFixed(3)} |`,
      );
    }
  }
  const coverages = sciFactPrepared.map((p) => p.coverage).sort((a, b) => a - b);
  const knownCoverages = knownPrepared.map((p) => p.coverage).sort((a, b) => a - b);
  const quartiles = (values: number[]) =>
    [0.25, 0.5, 0.75].map((q) => values[Math.floor(q * values.length)]!.toFixed(2)).join(" / ");
  console.log(
    `query coverage quartiles: SciFact train ${quartiles(coverages)}; known-item (tune) ${quartiles(knownCoverages)}`,
  );
}
