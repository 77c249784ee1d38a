import { createReadStream } from "node:fs";
import readline from "node:readline";
import { createGunzip } from "node:zlib";
import type { PaperInput } from "../../src/core/paper.js";
import { embedMissingPapers } from "../../src/search/embed-papers.js";
import type { Embedder } from "../../src/search/embedder.js";
import { LiveVectorIndex } from "../../src/search/live-index.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";

/** Lines of a JSON Lines file, gzip or plain, parsed. */
export async function* readJsonLines<T>(file: string): AsyncGenerator<T> {
  const input = createReadStream(file);
  const lines = readline.createInterface({
    input: file.endsWith(".gz") ? input.pipe(createGunzip()) : input,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) if (line.trim() !== "") yield JSON.parse(line) as T;
}

export interface BenchmarkDocument {
  docId: string;
  title: string;
  text: string;
}

/** A benchmark's corpus in a store: documents get arXiv-shaped ids (2001.00001, …), mapped both ways. */
export interface DocumentStore {
  store: PaperStore;
  paperIdOf: Map<string, string>;
}

export function syntheticPaperId(index: number): string {
  return `2001.${String(index + 1).padStart(5, "0")}`;
}

function asPaper(document: BenchmarkDocument, index: number): PaperInput {
  return {
    id: syntheticPaperId(index),
    title: document.title,
    abstract: document.text,
    authors: [],
    authorCount: null,
    categories: [],
    comments: null,
    journalRef: null,
    doi: null,
    license: null,
    submitter: null,
    versions: [],
    publishedAt: null,
    listingDay: "2020-01-02",
    upvotes: 0,
  };
}

/** Opens an empty store for one benchmark's corpus; closing it discards the corpus. */
export type OpenEmptyStore = () => Promise<PaperStore>;

export const inMemorySqlite: OpenEmptyStore = async () => openSqliteStore(":memory:");

/** Loads documents into a fresh store (in-memory SQLite unless told otherwise) and embeds them. */
export async function documentStore(
  documents: BenchmarkDocument[],
  embedder: Embedder,
  openStore: OpenEmptyStore = inMemorySqlite,
): Promise<DocumentStore> {
  const store = await openStore();
  const paperIdOf = new Map<string, string>();
  const papers = documents.map((document, i) => {
    paperIdOf.set(document.docId, syntheticPaperId(i));
    return asPaper(document, i);
  });
  for (let start = 0; start < papers.length; start += 1_000) {
    await store.upsertPapers(papers.slice(start, start + 1_000));
  }
  await embedMissingPapers(store, embedder, { batchSize: 1_000 });
  return { store, paperIdOf };
}

/** The exact index over a store's vectors: evaluation measures the model and fusion, not ANN recall. */
export async function exactIndex(store: PaperStore, embedder: Embedder): Promise<LiveVectorIndex> {
  const index = new LiveVectorIndex(store, {
    modelId: embedder.modelId,
    dimensions: embedder.dimensions,
    kind: "exact",
    hnswFrom: Number.POSITIVE_INFINITY,
  });
  await index.catchUp();
  return index;
}
