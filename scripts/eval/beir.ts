import { readFileSync } from "node:fs";
import path from "node:path";
import { parseSearchQuery } from "../../src/core/search-query.js";
import type { EvalQuery } from "./benchmark.js";
import { type BenchmarkDocument, readJsonLines } from "./corpus-store.js";
import type { Judgments } from "./metrics.js";

/** BEIR qrels (query-id, corpus-id, score), as judgments per query keyed by document id. */
export function readQrels(file: string): Map<string, Judgments> {
  const byQuery = new Map<string, Judgments>();
  for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
    const [queryId, docId, score] = line.split("\t");
    if (!queryId || !docId || score === undefined) continue;
    const judgments = byQuery.get(queryId) ?? new Map<string, number>();
    judgments.set(docId, Number(score));
    byQuery.set(queryId, judgments);
  }
  return byQuery;
}

/** Judgments re-keyed from document ids to the store's paper ids. */
export function toPaperJudgments(judgments: Judgments, paperIdOf: Map<string, string>): Judgments {
  const mapped = new Map<string, number>();
  for (const [docId, grade] of judgments) {
    const paperId = paperIdOf.get(docId);
    if (paperId) mapped.set(paperId, grade);
  }
  return mapped;
}

export async function readSciFactCorpus(dir: string): Promise<BenchmarkDocument[]> {
  const documents: BenchmarkDocument[] = [];
  for await (const row of readJsonLines<{ _id: string; title: string; text: string }>(
    path.join(dir, "corpus.jsonl.gz"),
  )) {
    documents.push({ docId: row._id, title: row.title, text: row.text });
  }
  return documents;
}

/** SciFact's queries of one split (test: 300, train: 809), each with its judgments. */
export async function sciFactQueries(
  dir: string,
  split: "test" | "train",
  paperIdOf: Map<string, string>,
): Promise<EvalQuery[]> {
  const qrels = readQrels(path.join(dir, "qrels", `${split}.tsv`));
  const queries: EvalQuery[] = [];
  for await (const row of readJsonLines<{ _id: string; text: string }>(path.join(dir, "queries.jsonl"))) {
    const judgments = qrels.get(row._id);
    if (!judgments) continue;
    queries.push({
      id: row._id,
      query: parseSearchQuery(row.text),
      judgments: toPaperJudgments(judgments, paperIdOf),
    });
  }
  return queries;
}

interface CsfCubePaper {
  paper_id: string;
  title: string;
  abstract_sentences: { label: string; text: string }[];
}

/** The sentences a CSFCube facet is about (background covers the objective, as in the collection). */
const FACET_LABELS: Record<string, string[]> = {
  background: ["background", "objective"],
  method: ["method"],
  result: ["result"],
};

export interface CsfCube {
  documents: BenchmarkDocument[];
  /** Query text per query id: the query paper's title + its facet sentences. */
  queries: { id: string; paperId: string; text: string }[];
  qrels: Map<string, Judgments>;
}

export async function readCsfCube(dir: string): Promise<CsfCube> {
  const papers = new Map<string, CsfCubePaper>();
  for await (const row of readJsonLines<CsfCubePaper>(path.join(dir, "corpus.jsonl.gz")))
    papers.set(row.paper_id, row);
  const documents = [...papers.values()].map((paper) => ({
    docId: paper.paper_id,
    title: paper.title,
    text: paper.abstract_sentences.map((sentence) => sentence.text).join(" "),
  }));
  const queries: CsfCube["queries"] = [];
  for await (const row of readJsonLines<{ _id: string; paper_id: string; facet: string; title: string }>(
    path.join(dir, "queries.jsonl"),
  )) {
    const labels = FACET_LABELS[row.facet] ?? [row.facet];
    const sentences = (papers.get(row.paper_id)?.abstract_sentences ?? [])
      .filter((sentence) => labels.includes(sentence.label))
      .map((sentence) => sentence.text);
    queries.push({ id: row._id, paperId: row.paper_id, text: [row.title, ...sentences].join(" ") });
  }
  return { documents, queries, qrels: readQrels(path.join(dir, "qrels", "all_facets.tsv")) };
}
