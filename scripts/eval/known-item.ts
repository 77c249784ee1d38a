import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseSearchQuery } from "../../src/core/search-query.js";
import { importPaperFiles } from "../../src/ingest/import-papers.js";
import type { PaperStore } from "../../src/store/store.js";
import type { EvalQuery } from "./benchmark.js";

const WORD = /[\p{L}\p{N}]+/gu;
const SENTENCE_END = /[.!?](\s|$)/;

/** The corpus files, in name order: the daily corpus first, then the crawl. */
export function arxivCorpusFiles(sharedData: string): string[] {
  return ["arxiv-daily-2025-2026", "arxiv-api-crawl-arxiver"].flatMap((corpus) => {
    const dir = path.join(sharedData, corpus, "papers");
    return readdirSync(dir)
      .filter((name) => name.endsWith(".jsonl.gz"))
      .sort()
      .map((name) => path.join(dir, name));
  });
}

const CORPUS_STATE = "eval:arxiv-corpus";

/**
 * Imports the ~196k papers into the cached store once, with the product's importer; later runs find
 * the files' names and sizes recorded and skip the import.
 */
export async function ensureArxivCorpus(
  store: PaperStore,
  files: string[],
  log: (line: string) => void,
): Promise<void> {
  const fingerprint = JSON.stringify(files.map((file) => [path.basename(file), statSync(file).size]));
  if ((await store.getSourceState(CORPUS_STATE)) === fingerprint) return;
  log(`importing ${files.length} files of arXiv papers into the evaluation store (once)…`);
  await importPaperFiles(store, files);
  await store.saveSourceState({ key: CORPUS_STATE, value: fingerprint });
}

/** The abstract's first sentence: text before the first . ! or ? followed by a space or the end. */
export function firstSentence(abstract: string): string {
  const end = SENTENCE_END.exec(abstract);
  return end ? abstract.slice(0, end.index) : abstract;
}

/** The title's words (lower-cased, in order) minus every word of the abstract's first sentence. */
export function knownItemQuery(title: string, abstract: string): string {
  const opening = new Set(firstSentence(abstract).toLowerCase().match(WORD) ?? []);
  return (title.toLowerCase().match(WORD) ?? []).filter((word) => !opening.has(word)).join(" ");
}

export interface KnownItem {
  paperId: string;
  query: string;
}

/**
 * `count` papers chosen by the hex sha256 of `salt + id` (ascending), skipping papers whose query
 * would be empty. With the "known-item:" salt the first 500 are the evaluation set and the next 500
 * the development set tuned on (the model's training leaves both out).
 */
export async function pickKnownItems(store: PaperStore, salt: string, count: number): Promise<KnownItem[]> {
  const ranked: { hash: string; id: string }[] = [];
  for (let after: string | null = null; ; ) {
    const page = await store.papersAfter(after, 10_000);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    for (const paper of page) {
      ranked.push({
        hash: createHash("sha256")
          .update(salt + paper.id)
          .digest("hex"),
        id: paper.id,
      });
    }
  }
  ranked.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  const items: KnownItem[] = [];
  for (const { id } of ranked) {
    if (items.length === count) break;
    const paper = await store.getPaper(id);
    const query = paper ? knownItemQuery(paper.title, paper.abstract) : "";
    if (query !== "") items.push({ paperId: id, query });
  }
  return items;
}

export function knownItemQueries(items: KnownItem[]): EvalQuery[] {
  return items.map((item) => ({
    id: item.paperId,
    query: parseSearchQuery(item.query),
    judgments: new Map([[item.paperId, 1]]),
  }));
}
