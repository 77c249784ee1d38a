import type { FusionSettings } from "../../src/search/fusion.js";
import type { SearchMode } from "../../src/search/search-service.js";
import type { ModeScores } from "./benchmark.js";
import { pairedDifferenceInterval } from "./metrics.js";

export interface BenchmarkScores {
  name: string;
  queries: number;
  corpus: number;
  /** The headline metric for this benchmark. */
  metric: "ndcg10" | "mrr10";
  scores: Record<SearchMode, ModeScores>;
}

export interface Bar {
  text: string;
  met: boolean;
}

const MODES: SearchMode[] = ["lexical", "semantic", "hybrid"];

function f3(value: number): string {
  return value.toFixed(3);
}

/** The one table `npm run eval` prints and docs/SEARCH_QUALITY.md holds. */
export function scoreTable(results: BenchmarkScores[]): string {
  const lines = [
    "| benchmark | queries | papers | mode | nDCG@10 | Recall@100 | MRR@10 |",
    "|---|---:|---:|---|---:|---:|---:|",
  ];
  for (const result of results) {
    for (const mode of MODES) {
      const s = result.scores[mode];
      lines.push(
        `| ${result.name} | ${result.queries} | ${result.corpus.toLocaleString("en-US")} | ${mode} | ${f3(s.ndcg10)} | ${f3(s.recall100)} | ${f3(s.mrr10)} |`,
      );
    }
  }
  return lines.join("\n");
}

function signed(value: number): string {
  return `${value < 0 ? "−" : "+"}${Math.abs(value).toFixed(3)}`;
}

/** Hybrid's gap over lexical search on the same queries, with its bootstrap interval. */
function gapText(hybrid: number[], lexical: number[]): string {
  const gap = pairedDifferenceInterval(hybrid, lexical);
  return `hybrid − lexical ${signed(gap.mean)} (95% bootstrap interval over the queries ${signed(gap.low)} to ${signed(gap.high)})`;
}

/** The bars, checked against the measured scores. */
export function checkBars(results: BenchmarkScores[]): Bar[] {
  const byName = new Map(results.map((result) => [result.name, result.scores]));
  const bars: Bar[] = [];
  const scifact = byName.get("SciFact test");
  if (scifact) {
    bars.push({
      text: `lexical SciFact nDCG@10 ≥ 0.67: ${f3(scifact.lexical.ndcg10)}`,
      met: scifact.lexical.ndcg10 >= 0.67,
    });
    bars.push({
      text: `hybrid SciFact nDCG@10 ≥ lexical − 0.01: ${f3(scifact.hybrid.ndcg10)} vs ${f3(scifact.lexical.ndcg10 - 0.01)}; ${gapText(scifact.hybrid.perQuery.ndcg10, scifact.lexical.perQuery.ndcg10)}`,
      met: scifact.hybrid.ndcg10 >= scifact.lexical.ndcg10 - 0.01,
    });
  }
  const knownItem = byName.get("arXiv known-item");
  if (knownItem) {
    bars.push({
      text: `hybrid known-item MRR@10 ≥ lexical + 0.05: ${f3(knownItem.hybrid.mrr10)} vs ${f3(knownItem.lexical.mrr10 + 0.05)}; ${gapText(knownItem.hybrid.perQuery.mrr10, knownItem.lexical.perQuery.mrr10)}`,
      met: knownItem.hybrid.mrr10 >= knownItem.lexical.mrr10 + 0.05,
    });
  }
  const cube = byName.get("CSFCube");
  if (cube) {
    bars.push({
      text: `hybrid CSFCube nDCG@10 ≥ lexical: ${f3(cube.hybrid.ndcg10)} vs ${f3(cube.lexical.ndcg10)}; ${gapText(cube.hybrid.perQuery.ndcg10, cube.lexical.perQuery.ndcg10)}`,
      met: cube.hybrid.ndcg10 >= cube.lexical.ndcg10,
    });
  }
  return bars;
}

export function qualityReport(
  results: BenchmarkScores[],
  fusion: FusionSettings,
  modelId: string,
  titleModelId: string,
  machine: string,
): string {
  const bars = checkBars(results)
    .map((bar) => `- ${bar.met ? "met" : "**missed**"}: ${bar.text}`)
    .join("\n");
  return `# Search quality

Measured by \`npm run eval\` (scripts/eval/), offline on ../shared/data; this file is rewritten by
each run. Every mode runs through the product's search service (src/search/search-service.ts) with
the store's BM25 search and the bundled models, exactly as /api/search?mode=… does.

- Models: \`${modelId}\` (document model: stored vectors, the dense side) and \`${titleModelId}\`
  (title model: hybrid's title similarity); dense side: exact scan (the evaluation measures the models
  and the fusion, not the ANN index's recall).
- Fusion: denseWeight ${fusion.denseWeight}, minCoverage ${fusion.minCoverage}; title similarity weight ${fusion.titleWeight}
  (cosine to the power ${fusion.titlePower}) and word title match weight ${fusion.titleWordWeight}, in full for queries of up to
  ${fusion.titleQueryWords.full} distinct words, 0 from ${fusion.titleQueryWords.none}; word matches read ${fusion.titleDepth} deep when the title boost applies
  (titleDepth), otherwise ${fusion.depth} candidates a side for a first page
  (src/search/fusion.ts; tuned with \`npm run eval -- --tune\` on SciFact **train** and the known-item
  development set — the next 500 papers in the evaluation's order, left out of the model's training
  like the evaluation's 500; never on SciFact test).
- nDCG@10 and MRR@10 read a first page of 10 hits, ranked as the search page ranks its first page;
  Recall@100 reads a request for 100 hits, ranked as the search pages rank them: the first 30 places as a
  first page ranks them, the rest from a ranking that reads 100 candidates a side (the bands of
  SearchService.bandedRanking).
- Machine: ${machine}.

${scoreTable(results)}

## Bars (issue 4)
${bars}

The known-item bar compares the modes as the issue measures them; how much of hybrid's gain is the
models' and how much the word title match's is measured below (The known-item bar).

## How the fusion was chosen
Hybrid search scores each candidate (1 − w)·BM25 + w·cosine + s·(t·titleSimilarity + u·titleWordMatch)
(src/search/fusion.ts, ADRs 0019, 0029, 0030, 0032). BM25 and cosine are min-max normalised over the
candidates; w falls to 0 when the document model knows little of the query (its coverage, rare words
weighing more, at or below minCoverage) and rises to denseWeight when it knows all of it. Every
candidate is scored by its own cosine: the word matches the dense side did not return are read from
their stored vectors (ADR 0019). titleSimilarity is the cosine of the query to a word match's title by
the **title model** (\`${titleModelId}\`, models/paperpulse-arxiv-titles/MODEL_CARD.md), negatives 0,
to the power ${fusion.titlePower}: a second static model, trained on title-like queries of training papers against their
titles, in batches of papers whose queries share their rarest word, so that it learns to tell the
title a remembered title's words come from from titles about the same things. titleWordMatch is how
fully the title holds the query's words: the share of them it holds, cubed, discounted a little for
each other word of the title (ADR 0032). t is ${fusion.titleWeight} and u ${fusion.titleWordWeight}; s is 1 for queries of up to
${fusion.titleQueryWords.full} distinct words and falls linearly to 0 at ${fusion.titleQueryWords.none}: a long query describes a topic (a claim, a paper's
sentences), not a title. Papers found by meaning alone get no title boost: among the papers that hold
the query's words, the one whose title they make up is the one sought. When the boost applies, the
word matches are read ${fusion.titleDepth} deep instead of ${fusion.depth} (ADR 0030): a remembered title's words are often
common ones, and the paper they come from can sit far below BM25's first ${fusion.depth}.

On the tuning data (SciFact train, 809 queries; the 500 development known items; \`npm run eval --
--tune\` prints the grid, which ranks a first page as the product does and compares the title features
on word matches; minCoverage 0.8 and denseWeight 0.1 throughout), lexical search scores 0.704
nDCG@10 and 0.879 MRR@10:

| title feature | t, power | u | s falls | word matches read | SciFact train nDCG@10 | known-item (development) MRR@10 |
|---|---|---:|---|---:|---:|---:|
| none | – | – | – | 30 | 0.705 | 0.875 |
| word title match (ADR 0022's formula, other title words discounted 0.5 each; measured then) | – | 3 | from 6 to 12 words | 30 | 0.704 | 0.930 |
| word title match | – | 3 | from 4 to 8 words | 300 | 0.703 | 0.939 |
| word title match | – | 4 | from 4 to 8 words | 300 | 0.702 | 0.943 |
| document model's title cosine (ADR 0028) | 6, 4 | – | from 3 to 6 words | 30 | 0.704 | 0.900 |
| title model's cosine (ADR 0029) | 6, 4 | – | from 3 to 6 words | 30 | 0.705 | 0.923 |
| title model's cosine | 6, 4 | – | from 3 to 6 words | 300 | 0.703 | 0.940 |
| title model's cosine | 2, 4 | – | from 4 to 8 words | 300 | 0.703 | 0.929 |
| title model's cosine (ADR 0030) | 4, 4 | – | from 4 to 8 words | 300 | 0.699 | 0.943 |
| title model's cosine + word title match | 1, 4 | 2 | from 4 to 8 words | 300 | 0.702 | 0.946 |
| **title model's cosine + word title match (shipped, ADR 0032)** | **2, 4** | **3** | **from 4 to 8 words** | **300** | **0.702** | **0.949** |
| title model's cosine + word title match | 4, 4 | 3 | from 4 to 8 words | 300 | 0.698 | 0.948 |
| title model's cosine + word title match | 2, 4 | 3 | from 6 to 12 words | 300 | 0.695 | 0.949 |
| title model's cosine + word title match | 2, 4 | 3 | from 4 to 8 words | 500 | 0.701 | 0.948 |

The shipped setting is the best development score with SciFact train within 0.005 of lexical search
(the rule every earlier setting was chosen by), on a plateau: every pair of weights from 1 to 4 but
the smallest reaches 0.945–0.949 with 300 word matches. The dense side adds nothing to the known items
(the cosine weight 0.1 or 0.2 changes them by 0.001 at most); it stays small (0.1), gated at coverage
0.8.

## The known-item bar
The bar asks that the model help in domain: hybrid ≥ lexical + 0.05 MRR@10 on the known items. Hybrid
reaches ${knownItemHybridText(results)}. The gain is not the models' alone, and the ablations say how it
divides (ADR 0032; evaluation runs, looked at only after tuning, hybrid mode through the product's
search service, one weight of the shipped setting changed at a time):

| hybrid | known-item MRR@10 | SciFact test nDCG@10 | CSFCube nDCG@10 |
|---|---:|---:|---:|
| title model's cosine + word title match (shipped, ADR 0032) | 0.955 | 0.682 | 0.377 |
| without the title model (word title match alone) | 0.953 | 0.686 | 0.383 |
| without the word title match (title model alone, t 2) | 0.944 | 0.685 | 0.384 |
| title model alone at ADR 0030's setting (t 4, power 4) | 0.945 | 0.680 | 0.379 |
| title model's cosine + word title match without the dense side | 0.954 | 0.681 | 0.303 |
| (lexical mode) | 0.902 | 0.687 | 0.312 |

The word title match is a field-aware lexical feature: on the evaluation's 500 it reaches the bar
without the title model (0.953), and the title model adds 0.002 to it (on the development set 0.010 at
the same weight, 0.939 to 0.949, and 0.006 over the word match's best weight alone, 0.943). The title
model alone lifts the known items by 0.042–0.043, short of the bar; the document model's own title
cosine reached 0.931 (ADR 0028). ADRs 0028 and 0029 had read the bar as asking that the models carry
the whole gain; by that reading it is not met. The project reads it as the issue measures it, the
product's hybrid ranking against lexical search (ADR 0033), and keeps this table so that the reading
can be checked. CSFCube's margin over lexical search is the dense side's (0.303 without it).

Diagnosis, on the development set (never the evaluation's 500): lexical search ranks the paper first
for 428 queries, 2nd–10th for 35, 11th–100th for 19 and not in its top 100 for 18 (MRR@10 0.879). The
misses are short, generic queries, where hundreds of papers hold every word ("multilingual",
"probing", "reinforcement learning", "context neural", "linear models"); a few are stopwords only,
which leave nothing to search. BM25's first 30 hold 473 of the 500 papers, its first 100 482, 300 485
and 500 489: a perfect reranking of the first 30 would reach 0.946, of the first 100 0.964. The paper's
own vector does not separate the known item from the other papers that hold its words: they are about
the same things (reranking by the paper's cosine: 0.874). What does is the title: whether it holds the
words and how much else it holds. A static model trained on title and abstract pairs blurs which words
a title holds; trained on remembered titles against titles, with the other papers holding the rarest
query word as negatives, it learns them about as well as the exact word match, and the two together do
better than either: they miss different queries.

The title boost costs one query and up to ${fusion.titleDepth} titles read, embedded by the title model and split into
words per hybrid search of up to ${fusion.titleQueryWords.none - 1} words (about 7 µs a title; docs/BENCHMARKS.md measures whole searches).

## Benchmarks
- **SciFact test** (BEIR, ../shared/data/beir-scifact): 300 claims against 5,183 biomedical
  abstracts; relevance 0/1. Out of domain for an arXiv-trained model.
- **CSFCube** (../shared/data/csfcube): 50 faceted queries, query text = the query paper's title + its
  sentences of the facet (background includes objective); graded relevance 0–3; the query paper itself
  is not counted. Searched against the 4,174 recovered abstracts. Licence CC BY-NC 4.0: evaluation only.
- **arXiv known-item**: the ~196k merged papers of arxiv-daily-2025-2026 and arxiv-api-crawl-arxiver
  (imported with the product's importer into a cached store under .cache/eval/). Ids sorted by the hex
  sha256 of "known-item:" + id; the first 500 whose query is non-empty. Query = the title's words
  (/[\\p{L}\\p{N}]+/u, lower-cased) minus every word of the abstract's first sentence (text before the
  first /[.!?](\\s|$)/), in title order. The one relevant paper is the source paper; MRR@10.

Queries go through the product's query parser (stopwords dropped, at most 32 words and 500
characters), so long queries (CSFCube) are cut as a typed query would be.
`;
}

function knownItemHybridText(results: BenchmarkScores[]): string {
  const knownItem = results.find((r) => r.name === "arXiv known-item");
  if (!knownItem) return "(not measured in this run)";
  const { lexical, hybrid } = knownItem.scores;
  return `${f3(hybrid.mrr10)} against lexical search's ${f3(lexical.mrr10)} (+${f3(hybrid.mrr10 - lexical.mrr10)}; the bar is +0.05)`;
}
