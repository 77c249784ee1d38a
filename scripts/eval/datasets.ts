import path from "node:path";
import { parseSearchQuery } from "../../src/core/search-query.js";
import { embedMissingPapers } from "../../src/search/embed-papers.js";
import type { Embedder } from "../../src/search/embedder.js";
import type { LiveVectorIndex } from "../../src/search/live-index.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";
import { readCsfCube, readSciFactCorpus, sciFactQueries, toPaperJudgments } from "./beir.js";
import type { EvalQuery } from "./benchmark.js";
import { documentStore, exactIndex, inMemorySqlite, type OpenEmptyStore } from "./corpus-store.js";
import { arxivCorpusFiles, ensureArxivCorpus, knownItemQueries, pickKnownItems } from "./known-item.js";

export const SHARED_DATA = path.resolve(import.meta.dirname, "..", "..", "..", "shared", "data");
/** The imported and embedded arXiv corpus, kept between runs (gitignored). */
export const CACHE_DIR = path.resolve(import.meta.dirname, "..", "..", ".cache", "eval");

export const KNOWN_ITEMS = 500;
export const KNOWN_ITEM_SALT = "known-item:";

/** A benchmark's corpus, ready to search: store, model index and queries. */
export interface LoadedBenchmark {
  store: PaperStore;
  index: LiveVectorIndex;
  queries: EvalQuery[];
}

export async function loadSciFact(
  embedder: Embedder,
  split: "test" | "train",
  openStore: OpenEmptyStore = inMemorySqlite,
): Promise<LoadedBenchmark> {
  const dir = path.join(SHARED_DATA, "beir-scifact");
  const { store, paperIdOf } = await documentStore(await readSciFactCorpus(dir), embedder, openStore);
  return {
    store,
    index: await exactIndex(store, embedder),
    queries: await sciFactQueries(dir, split, paperIdOf),
  };
}

export async function loadCsfCube(
  embedder: Embedder,
  openStore: OpenEmptyStore = inMemorySqlite,
): Promise<LoadedBenchmark> {
  const cube = await readCsfCube(path.join(SHARED_DATA, "csfcube"));
  const { store, paperIdOf } = await documentStore(cube.documents, embedder, openStore);
  const queries = cube.queries.map((query) => ({
    id: query.id,
    query: parseSearchQuery(query.text),
    judgments: toPaperJudgments(cube.qrels.get(query.id) ?? new Map(), paperIdOf),
    skip: paperIdOf.get(query.paperId),
  }));
  return { store, index: await exactIndex(store, embedder), queries };
}

/** The merged ~196k arXiv papers (imported and embedded once into the cache) and the known-item store. */
export async function openArxivCorpus(embedder: Embedder, log: (line: string) => void): Promise<PaperStore> {
  const store = openSqliteStore(path.join(CACHE_DIR, "arxiv", "paperpulse.db"));
  await ensureArxivCorpus(store, arxivCorpusFiles(SHARED_DATA), log);
  const lacking = await store.countPapersLackingVectors(embedder.modelId);
  if (lacking > 0) {
    log(`embedding ${lacking} arXiv papers with ${embedder.modelId} (once per model)…`);
    await embedMissingPapers(store, embedder, { batchSize: 2_000 });
  }
  return store;
}

export async function loadKnownItems(
  embedder: Embedder,
  log: (line: string) => void,
): Promise<LoadedBenchmark> {
  const store = await openArxivCorpus(embedder, log);
  const items = await pickKnownItems(store, KNOWN_ITEM_SALT, KNOWN_ITEMS);
  return { store, index: await exactIndex(store, embedder), queries: knownItemQueries(items) };
}
