import { createWriteStream, type WriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import type { Embedder } from "../../src/search/embedder.js";
import { DEFAULT_FUSION } from "../../src/search/fusion.js";
import { queryText } from "../../src/search/search-service.js";
import { vocabularyCoverage, wordsOf } from "../../src/search/vocabulary.js";
import type { PaperStore } from "../../src/store/store.js";
import type { EvalQuery } from "./benchmark.js";
import { KNOWN_ITEM_SALT, KNOWN_ITEMS, loadSciFact, openArxivCorpus } from "./datasets.js";
import { knownItemQueries, pickKnownItems } from "./known-item.js";

/**
 * `npm run eval -- --dump-candidates FILE`: the tuning sets' lexical candidates (the product's BM25
 * lists, as deep as the title boost reads them: FusionSettings.titleDepth) as JSON Lines, one query a
 * line, for training/sweep.py's fusion proxy, which scores a model's title similarity without the
 * product (docs: training/README.md). Only SciFact train and the
 * known-item development set: never an evaluation set.
 */
export async function dumpTuningCandidates(
  embedder: Embedder,
  file: string,
  log: (line: string) => void,
): Promise<void> {
  const out = createWriteStream(file);
  const sciFact = await loadSciFact(embedder, "train");
  await dump(out, "scifact-train", sciFact.store, sciFact.queries, embedder);
  await sciFact.store.close();
  const arxiv = await openArxivCorpus(embedder, log);
  const items = (await pickKnownItems(arxiv, KNOWN_ITEM_SALT, 2 * KNOWN_ITEMS)).slice(KNOWN_ITEMS);
  await dump(out, "known-item-dev", arxiv, knownItemQueries(items), embedder);
  await arxiv.close();
  out.end();
  await finished(out);
  log(`wrote ${file}`);
}

async function dump(
  out: WriteStream,
  set: string,
  store: PaperStore,
  queries: EvalQuery[],
  embedder: Embedder,
): Promise<void> {
  for (const query of queries)
    out.write(`${JSON.stringify(await candidatesLine(set, store, query, embedder))}\n`);
}

/** One query's line: its text, what the fusion reads of it, its judgments and its BM25 candidates. */
export async function candidatesLine(set: string, store: PaperStore, query: EvalQuery, embedder: Embedder) {
  const text = queryText(query.query);
  const lexical = await store.search({
    query: query.query,
    sort: "relevance",
    limit: DEFAULT_FUSION.titleDepth,
    offset: 0,
  });
  return {
    set,
    text,
    // What the product's fusion reads besides the candidates: titleShareFor and denseWeightFor.
    distinctWords: new Set(wordsOf(text)).size,
    coverage: vocabularyCoverage(embedder, text),
    judgments: Object.fromEntries(query.judgments),
    candidates: lexical.hits.map((hit) => ({
      id: hit.paper.id,
      bm25: hit.score,
      title: hit.paper.title,
      abstract: hit.paper.abstract,
    })),
  };
}
