import { embedMissingPapers } from "../search/embed-papers.js";
import type { Embedder } from "../search/embedder.js";
import type { VectorStore } from "../store/vector-store.js";
import type { JobHandler } from "./job-runner.js";
import type { JobQueue } from "./queue.js";
import type { SchedulerLog } from "./scheduler.js";

/** The queue of embedding passes: one waits and one runs at a time, cluster-wide (an exclusive key). */
export const EMBED_QUEUE = "embed";

/** Papers one job embeds at most; a pass with more to do queues the next job, so no job outlives its lease. */
export const EMBED_JOB_LIMIT = 20_000;

const EMBED_LEASE_SECONDS = 600;

/**
 * Queues an embedding pass when some paper lacks a vector of the model. A pass already waiting covers
 * this request too, so the send is then refused; returns whether one was queued. Asked every
 * PAPERPULSE_EMBED_INTERVAL_SECONDS when usually nothing lacks one, so it counts (70–100 ms at 1M
 * papers on SQLite) rather than looks for one (a scan of every paper then: 0.8–2.2 s).
 */
export async function requestEmbedding(
  queue: JobQueue,
  store: VectorStore,
  modelId: string,
): Promise<boolean> {
  if ((await store.countPapersLackingVectors(modelId)) <= 0) return false;
  const id = await queue.send(
    EMBED_QUEUE,
    { modelId },
    { exclusiveKey: modelId, retryLimit: 2, retryDelay: 30 },
  );
  return id !== null;
}

export interface EmbedJobOptions {
  store: VectorStore;
  embedder: Embedder;
  queue: JobQueue;
  log: SchedulerLog;
  /** After each pass (the process serving search catches its index up at once). */
  afterPass?: () => Promise<unknown>;
  /** Papers per job (default EMBED_JOB_LIMIT). */
  limit?: number;
  /** Papers per read and write within a job (embedMissingPapers' default when absent). */
  batchSize?: number;
}

/**
 * The embedding job: gives papers lacking a vector of the model one (new papers, papers another model
 * embedded or whose text changed), at most `limit` per job. Only one such job runs at a time across
 * the cluster, so no paper is embedded twice; every web node then reads the new vectors into its
 * index from the store (its change feed).
 */
export function embedJob(options: EmbedJobOptions): JobHandler {
  const { store, embedder, queue, log } = options;
  const limit = options.limit ?? EMBED_JOB_LIMIT;
  return {
    queue: EMBED_QUEUE,
    leaseSeconds: EMBED_LEASE_SECONDS,
    async run(_data, signal) {
      const embedded = await embedMissingPapers(store, embedder, {
        signal,
        limit,
        batchSize: options.batchSize,
      });
      if (embedded > 0) log.info(`embedded ${embedded} papers with ${embedder.modelId}`);
      // A stopped pass does not wait for the index to catch up (a first build takes long): the job
      // would outlive its lease, and the shutdown would wait for it.
      if (signal.aborted) return;
      if (options.afterPass) await settledOrAborted(options.afterPass(), signal);
      if (embedded >= limit && !signal.aborted) await requestEmbedding(queue, store, embedder.modelId);
    },
  };
}

/** Settles with `work`, or resolves when the signal aborts first (the work then goes on unawaited). */
function settledOrAborted(work: Promise<unknown>, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const aborted = () => resolve(undefined);
    signal.addEventListener("abort", aborted, { once: true });
    if (signal.aborted) aborted();
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", aborted));
  });
}
