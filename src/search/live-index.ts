import type { VectorStore } from "../store/vector-store.js";
import { ExactVectorIndex } from "./exact-index.js";
import { DEFAULT_HNSW, HnswVectorIndex } from "./hnsw-index.js";
import {
  IndexSnapshot,
  type LoadedGraph,
  type SnapshotRejection,
  type SnapshotTimings,
} from "./index-snapshot.js";
import type { IndexedVector, Neighbour, VectorIndex } from "./vector-index.js";

export type VectorIndexKind = "auto" | "exact" | "hnsw";

export interface LiveIndexOptions {
  modelId: string;
  dimensions: number;
  kind: VectorIndexKind;
  /** With kind "auto": from this many vectors on, the index is an HNSW graph (ADR 0008). */
  hnswFrom: number;
  /** Where the HNSW graph is saved and loaded at start (ADR 0013); null: rebuilt at every start. */
  snapshotDirectory?: string | null;
  /** Vectors added to a graph after which it is saved again; fewer are read from the store at start. */
  saveAfter?: number;
}

/** Where "auto" switches from the exact scan to the HNSW graph (ADR 0008). */
export const HNSW_FROM = 20_000;

/** Vectors read from the store per batch; the event loop gets a turn between batches. */
const BATCH = 2_000;
/** Saving a large graph blocks for a second or two, so a few new papers wait for the next save. */
const SAVE_AFTER = 5_000;

/** How the index got its vectors at start and where the time went, for the start log. */
export interface IndexStart {
  /** A saved graph ("local": this node's, "shared": the store's copy) or, when none was used, the store's vectors. */
  from: LoadedGraph["source"] | "vectors";
  rejection: SnapshotRejection | null;
  kind: "exact" | "hnsw";
  size: number;
  /** Vectors read from the store: those newer than the graph, or all of them when none was loaded. */
  vectorsRead: number;
  /** Bytes of the shared graph downloaded (0: none was). */
  downloadedBytes: number;
  /** Why the shared graph downloaded was not used (rejected, or the download failed); null: used or none tried. */
  sharedNotUsed: string | null;
  /** Seconds per phase: the snapshot's, then reading (or building from) the store's vectors. */
  seconds: SnapshotTimings & { vectors: number; total: number };
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The vector index of one model, loaded from the store and kept current: `catchUp` reads only the
 * vectors saved since the last call (by their save order), so it is cheap to call often.
 */
export class LiveVectorIndex {
  private index: VectorIndex;
  private lastSeq = 0;
  private catchingUp: Promise<number> | null = null;
  private readonly snapshot: IndexSnapshot | null;
  private restored = false;
  private unsaved = 0;
  private stopping = false;
  /** Why the last save failed, until `takeSaveError` reports it. */
  private saveError: string | null = null;
  /** Why the saved graph was not loaded at start (null: loaded, none saved, or not tried yet). */
  snapshotRejection: SnapshotRejection | null = null;
  /** Where the graph loaded at start came from (null: none was loaded, the index was read from the store). */
  restoredFrom: LoadedGraph["source"] | null = null;
  /** How the first catch-up filled the index (null until it has). */
  start: IndexStart | null = null;

  constructor(
    private readonly store: VectorStore,
    private readonly options: LiveIndexOptions,
  ) {
    this.index = this.create(options.kind === "hnsw" ? "hnsw" : "exact");
    this.snapshot =
      options.snapshotDirectory && options.kind !== "exact"
        ? new IndexSnapshot(
            options.snapshotDirectory,
            options.modelId,
            options.dimensions,
            store.sharedGraphs ?? null,
          )
        : null;
  }

  get modelId(): string {
    return this.options.modelId;
  }

  get size(): number {
    return this.index.size;
  }

  get kind(): "exact" | "hnsw" {
    return this.index instanceof HnswVectorIndex ? "hnsw" : "exact";
  }

  nearest(query: Float32Array, k: number): Neighbour[] {
    return this.index.nearest(query, k);
  }

  /** Reads the vectors saved since the last call; concurrent calls share one pass. Returns how many. */
  catchUp(): Promise<number> {
    if (this.stopping) return Promise.resolve(0);
    this.catchingUp ??= this.readNewVectors().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  /**
   * Stops the catch-up in progress at its next batch and refuses later ones. A stopped build is
   * dropped (the index in place stays and nothing is saved), so shutting down never waits for one.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.catchingUp?.catch(() => 0);
  }

  /** Why the last save failed (once; null when none failed since the last call). */
  takeSaveError(): string | null {
    const error = this.saveError;
    this.saveError = null;
    return error;
  }

  private async readNewVectors(): Promise<number> {
    if (this.start) return this.readVectors();
    const started = performance.now();
    // Marked only once done: a restore that failed (the database briefly away) is tried again by the
    // next catch-up rather than given up for a rebuild from every stored vector.
    if (!this.restored) {
      await this.restore();
      this.restored = true;
    }
    const restored = performance.now();
    const read = await this.readVectors();
    if (this.stopping) return read;
    this.start = {
      from: this.restoredFrom ?? "vectors",
      rejection: this.snapshotRejection,
      kind: this.kind,
      size: this.size,
      vectorsRead: read,
      downloadedBytes: this.snapshot?.downloadedBytes ?? 0,
      sharedNotUsed: this.snapshot?.sharedNotUsed ?? null,
      seconds: {
        ...this.snapshot?.timings,
        vectors: (performance.now() - restored) / 1000,
        total: (performance.now() - started) / 1000,
      },
    };
    return read;
  }

  private async readVectors(): Promise<number> {
    const fresh: IndexedVector[] = [];
    let seq = this.lastSeq;
    for (;;) {
      if (this.stopping) return 0;
      const batch = await this.store.vectorsSince(this.options.modelId, seq, BATCH);
      if (batch.length === 0) break;
      seq = batch[batch.length - 1]!.seq;
      fresh.push(...batch);
      if (this.outgrowsExact(fresh.length)) return this.rebuildAsHnsw();
      await nextTurn();
    }
    for (let start = 0; start < fresh.length; start += BATCH) {
      // The vectors upserted so far are read again by the next catch-up (upserts replace by paper).
      if (this.stopping) return 0;
      this.index.upsert(fresh.slice(start, start + BATCH));
      await nextTurn();
    }
    this.lastSeq = seq;
    this.unsaved += fresh.length;
    if (this.unsaved >= (this.options.saveAfter ?? SAVE_AFTER)) await this.save();
    return fresh.length;
  }

  /** Starts from the saved graph when it is whole and current; the catch-up then reads only newer vectors. */
  private async restore(): Promise<void> {
    if (!this.snapshot) return;
    const loaded = await this.snapshot.load(
      DEFAULT_HNSW,
      async (seq) => (await this.store.vectorsSince(this.options.modelId, seq - 1, 1)).length > 0,
    );
    if (this.snapshot.shareFailed !== null) this.saveError = `not shared: ${this.snapshot.shareFailed}`;
    if (loaded === null || typeof loaded === "string") {
      this.snapshotRejection = loaded;
      return;
    }
    this.index = loaded.graph;
    this.lastSeq = loaded.lastSeq;
    this.restoredFrom = loaded.source;
  }

  /**
   * Saves the graph. A failed save is tried again after the next `saveAfter` vectors, not at every
   * catch-up: a full disk or an unreachable store would otherwise cost a save, a checksum and an
   * upload attempt per refresh. The index in place keeps serving either way.
   */
  private async save(): Promise<void> {
    if (!this.snapshot || !(this.index instanceof HnswVectorIndex) || this.stopping) return;
    this.unsaved = 0;
    try {
      await this.snapshot.save(this.index, this.lastSeq, () => !this.stopping);
    } catch (error) {
      this.saveError = error instanceof Error ? error.message : String(error);
    }
  }

  private outgrowsExact(pending: number): boolean {
    return (
      this.options.kind === "auto" &&
      this.kind === "exact" &&
      this.index.size + pending >= this.options.hnswFrom
    );
  }

  /**
   * Builds the graph from every stored vector, then swaps it in. The index in place answers meanwhile
   * (at start it is empty, so search stays lexical until the graph is ready). Checked for a stop
   * between batches: at 1M vectors the build takes many minutes.
   */
  private async rebuildAsHnsw(): Promise<number> {
    const graph = this.create("hnsw");
    let seq = 0;
    for (;;) {
      // Stopped: the half-built graph is dropped, never swapped in or saved.
      if (this.stopping) return 0;
      const batch = await this.store.vectorsSince(this.options.modelId, seq, BATCH);
      if (batch.length === 0) break;
      seq = batch[batch.length - 1]!.seq;
      graph.upsert(batch);
      await nextTurn();
    }
    this.index = graph;
    this.lastSeq = seq;
    await this.save();
    return graph.size;
  }

  private create(kind: "exact" | "hnsw"): VectorIndex {
    return kind === "hnsw"
      ? new HnswVectorIndex(this.options.dimensions)
      : new ExactVectorIndex(this.options.dimensions);
  }
}
