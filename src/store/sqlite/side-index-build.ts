import { Worker } from "node:worker_threads";
import type { FromIndexWorker, IndexBatch, ToIndexWorker } from "./search-index-protocol.js";

/** Batches posted but not yet applied before the writer waits: the side index stays at most a batch behind. */
const MAX_BATCHES_AHEAD = 1;

/** The worker module beside this one: JavaScript in dist/, TypeScript source under tsx and vitest. */
function startIndexWorker(): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  return new Worker(
    new URL(fromSource ? "./search-index-worker-tsx.mjs" : "./search-index-worker.js", import.meta.url),
    // Its objects are each batch's texts, short-lived: a small young generation keeps its memory down.
    { resourceLimits: { maxYoungGenerationSizeMb: 8 } },
  );
}

/**
 * The importer's handle on the side-index worker (see search-index-worker.ts): posts each committed
 * batch's index changes and waits when the worker falls behind. Any failure of the worker leaves `failed`
 * set; the store then builds the index on its own thread instead.
 */
export class SideIndexBuild {
  private failure: Error | null = null;
  private posted = 0;
  private applied = 0;
  private wake: (() => void) | null = null;
  private compacted = false;
  private finished = false;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (message: FromIndexWorker) => {
      if (message.type === "applied") this.applied++;
      else if (message.type === "compacted") this.compacted = true;
      else this.finished = true;
      this.wakeUp();
    });
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => {
      if (!this.finished) this.fail(new Error(`the search index worker stopped (exit code ${code})`));
    });
  }

  /**
   * Starts the worker on the bulk load that begins (fresh) or resumes at the mark's batch `beginSeq`; its
   * connection loads `searchExtension` as the store's did (null: none).
   */
  static start(
    databasePath: string,
    searchExtension: string | null,
    beginSeq: number,
    fresh: boolean,
  ): SideIndexBuild | null {
    let worker: Worker;
    try {
      worker = startIndexWorker();
    } catch {
      return null;
    }
    const build = new SideIndexBuild(worker);
    build.send({ type: "start", databasePath, searchExtension, beginSeq, fresh });
    return build;
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  /** Posts a committed batch; resolves once the worker is close enough behind. */
  async add(batch: IndexBatch): Promise<void> {
    if (this.failed) return;
    this.send({ type: "batch", batch });
    this.posted++;
    while (!this.failed && this.posted - this.applied > MAX_BATCHES_AHEAD) await this.nextEvent();
  }

  /**
   * Merges the side index into one segment, the longest step of the end; it takes no lock on the main
   * database, so this thread may go on writing meanwhile. Never throws: a failure shows in finish().
   */
  async compact(): Promise<void> {
    if (!this.failed) this.send({ type: "compact" });
    while (!this.failed && !this.compacted) await this.nextEvent();
  }

  /** Waits for the worker to swap its compacted index into the main database; throws if it could not. */
  async finish(): Promise<void> {
    if (!this.compacted) await this.compact();
    if (!this.failed) this.send({ type: "finish" });
    while (!this.failed && !this.finished) await this.nextEvent();
    await this.worker.terminate();
    if (this.failure) throw this.failure;
  }

  /** Stops the worker once it applied what was posted (an interrupted import): the next bulk load resumes there. */
  async stop(): Promise<void> {
    while (!this.failed && this.applied < this.posted) await this.nextEvent();
    this.finished = true;
    await this.worker.terminate();
  }

  private send(message: ToIndexWorker): void {
    this.worker.postMessage(message);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wakeUp();
  }

  private wakeUp(): void {
    this.wake?.();
    this.wake = null;
  }

  private nextEvent(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }
}
