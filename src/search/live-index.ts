import type { VectorStore } from "../store/vector-store.js";
import { ExactVectorIndex } from "./exact-index.js";
import { HnswVectorIndex } from "./hnsw-index.js";
import type { IndexedVector, Neighbour, VectorIndex } from "./vector-index.js";

export type VectorIndexKind = "auto" | "exact" | "hnsw";

export interface LiveIndexOptions {
  modelId: string;
  dimensions: number;
  kind: VectorIndexKind;
  /** With kind "auto": from this many vectors on, the index is an HNSW graph (ADR 0008). */
  hnswFrom: number;
}

/** Where "auto" switches from the exact scan to the HNSW graph (ADR 0008). */
export const HNSW_FROM = 20_000;

/** Vectors read from the store per batch; the event loop gets a turn between batches. */
const BATCH = 2_000;

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

  constructor(
    private readonly store: VectorStore,
    private readonly options: LiveIndexOptions,
  ) {
    this.index = this.create(options.kind === "hnsw" ? "hnsw" : "exact");
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
    this.catchingUp ??= this.readNewVectors().finally(() => {
      this.catchingUp = null;
    });
    return this.catchingUp;
  }

  private async readNewVectors(): Promise<number> {
    const fresh: IndexedVector[] = [];
    let seq = this.lastSeq;
    for (;;) {
      const batch = await this.store.vectorsSince(this.options.modelId, seq, BATCH);
      if (batch.length === 0) break;
      seq = batch[batch.length - 1]!.seq;
      fresh.push(...batch);
      if (this.outgrowsExact(fresh.length)) return this.rebuildAsHnsw();
      await nextTurn();
    }
    for (let start = 0; start < fresh.length; start += BATCH) {
      this.index.upsert(fresh.slice(start, start + BATCH));
      await nextTurn();
    }
    this.lastSeq = seq;
    return fresh.length;
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
   * (at start it is empty, so search stays lexical until the graph is ready).
   */
  private async rebuildAsHnsw(): Promise<number> {
    const graph = this.create("hnsw");
    let seq = 0;
    for (;;) {
      const batch = await this.store.vectorsSince(this.options.modelId, seq, BATCH);
      if (batch.length === 0) break;
      seq = batch[batch.length - 1]!.seq;
      graph.upsert(batch);
      await nextTurn();
    }
    this.index = graph;
    this.lastSeq = seq;
    return graph.size;
  }

  private create(kind: "exact" | "hnsw"): VectorIndex {
    return kind === "hnsw"
      ? new HnswVectorIndex(this.options.dimensions)
      : new ExactVectorIndex(this.options.dimensions);
  }
}
