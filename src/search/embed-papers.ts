import type { PaperText, VectorStore } from "../store/vector-store.js";
import type { Embedder } from "./embedder.js";
import { quantize } from "./quantize.js";

export interface EmbedProgress {
  embedded: number;
  /** Papers that lacked a vector of this model when the run started. */
  total: number;
}

export interface EmbedOptions {
  /** Papers per read and write; the event loop gets a turn between batches. */
  batchSize?: number;
  signal?: AbortSignal;
  /** Stops after embedding this many papers (default: all that lack a vector). */
  limit?: number;
  onProgress?: (progress: EmbedProgress) => void;
}

const DEFAULT_BATCH = 256;

/** What a model reads of a paper: the same for stored vectors and for "papers like this one". */
export function embeddingText(paper: Pick<PaperText, "title" | "abstract">): string {
  return `${paper.title}\n${paper.abstract}`;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Gives every paper that lacks a vector of the embedder's model one (new papers, and papers embedded
 * by another model or changed since). One operation for the import command, the server's background
 * job and the evaluation. Returns how many papers it embedded.
 */
export async function embedMissingPapers(
  store: VectorStore,
  embedder: Embedder,
  options: EmbedOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const total = await store.countPapersLackingVectors(embedder.modelId);
  // The usual pass of the server's job finds nothing: a count is cheap, the search for none is a
  // scan of every paper (seconds at 1M, on SQLite in the web process's own thread).
  if (total === 0) return 0;
  let embedded = 0;
  let afterId: string | null = null;
  while (!options.signal?.aborted && embedded < limit) {
    const papers = await store.papersLackingVectors(
      embedder.modelId,
      afterId,
      Math.min(batchSize, limit - embedded),
    );
    if (papers.length === 0) break;
    afterId = papers[papers.length - 1]!.id;
    await store.saveVectors(
      papers.map((paper) => ({
        paperId: paper.id,
        modelId: embedder.modelId,
        ...quantize(embedder.embed(embeddingText(paper))),
      })),
    );
    embedded += papers.length;
    options.onProgress?.({ embedded, total: Math.max(total, embedded) });
    await nextTurn();
  }
  return embedded;
}
