import { embedMissingPapers } from "../search/embed-papers.js";
import type { Embedder } from "../search/embedder.js";
import type { IndexStart, LiveVectorIndex } from "../search/live-index.js";
import type { VectorStore } from "../store/vector-store.js";
import type { SchedulerLog } from "./scheduler.js";

/** The scheduler's log, plus details beside a message (a JSON logger keeps them as fields). */
export interface EmbedJobLog extends SchedulerLog {
  info(message: string): void;
  info(details: Record<string, unknown>, message: string): void;
}

export interface EmbedJobOptions {
  store: VectorStore;
  embedder: Embedder;
  index: LiveVectorIndex;
  log: EmbedJobLog;
  /** Pause between passes; new papers (an ingest, an import by another process) wait at most this long. */
  intervalMs: number;
}

const CATCH_UP_EVERY = 10_000;

const SOURCES: Record<IndexStart["from"], string> = {
  local: "the graph saved here",
  shared: "the graph shared in the database",
  vectors: "the stored vectors",
};

/** One line for operators: where the start's vectors came from and which phase took the time. */
export function describeIndexStart(start: IndexStart): string {
  const phases: string[] = [];
  const { seconds } = start;
  if (seconds.download !== undefined)
    phases.push(`download ${(start.downloadedBytes / 1e6).toFixed(0)} MB ${seconds.download.toFixed(1)} s`);
  if (seconds.checksum !== undefined) phases.push(`checksum ${seconds.checksum.toFixed(1)} s`);
  if (seconds.storeCheck !== undefined) phases.push(`store check ${seconds.storeCheck.toFixed(1)} s`);
  if (seconds.load !== undefined) phases.push(`load ${seconds.load.toFixed(1)} s`);
  if (seconds.share !== undefined) phases.push(`share ${seconds.share.toFixed(1)} s`);
  phases.push(`${start.vectorsRead} vectors read ${seconds.vectors.toFixed(1)} s`);
  return (
    `vector index ready in ${seconds.total.toFixed(1)} s: ${start.size} vectors (${start.kind}) ` +
    `from ${SOURCES[start.from]} (${phases.join(", ")})`
  );
}

export interface EmbedJob {
  /** Runs a pass now (or waits for the one in progress); resolves with how many papers it embedded. */
  runNow(): Promise<number>;
  /** Stops after the batch in progress; no later pass starts. */
  stop(): Promise<void>;
}

/**
 * The server's background embedding: loads the stored vectors into the index, then, pass after pass,
 * embeds papers lacking a vector of the current model (new ones, or ones another model embedded) and
 * adds them to the index. The first pass starts at once, so a fresh demo has vectors within seconds.
 */
export function startEmbedJob(options: EmbedJobOptions): EmbedJob {
  const { store, embedder, index, log } = options;
  const controller = new AbortController();
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let firstPass = true;

  async function pass(): Promise<number> {
    await index.catchUp();
    if (firstPass && index.snapshotRejection !== null) {
      log.warn(`saved vector graph not used (${index.snapshotRejection}): rebuilt from the stored vectors`);
    }
    if (firstPass && index.start) log.info({ vectorIndex: index.start }, describeIndexStart(index.start));
    firstPass = false;
    let indexedAt = 0;
    const embedded = await embedMissingPapers(store, embedder, {
      signal: controller.signal,
      // Papers become searchable by meaning as they are embedded, not only at the end of a long pass.
      onProgress: ({ embedded: done }) => {
        if (done - indexedAt < CATCH_UP_EVERY) return;
        indexedAt = done;
        void index.catchUp();
      },
    });
    await index.catchUp();
    if (embedded > 0)
      log.info(
        `embedded ${embedded} papers with ${embedder.modelId}; ${index.size} in the ${index.kind} index`,
      );
    return embedded;
  }

  function schedule(): void {
    if (controller.signal.aborted) return;
    timer = setTimeout(() => void runNow(), options.intervalMs);
    timer.unref();
  }

  function runNow(): Promise<number> {
    if (timer) clearTimeout(timer);
    running ??= pass()
      .catch((error: unknown) => {
        log.warn(`embedding failed: ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      })
      .finally(() => {
        running = null;
        schedule();
      });
    return running;
  }

  void runNow();
  return {
    runNow,
    async stop() {
      controller.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
