import { Index, type Matches, MetricKind, ScalarKind } from "usearch";
import { arxivIdFromOrdinal, arxivIdOrdinal } from "../core/arxiv-id.js";
import { dequantize } from "./quantize.js";
import type { IndexedVector, Neighbour, VectorIndex } from "./vector-index.js";

export interface HnswSettings {
  /** Graph degree: more finds neighbours more reliably, costs memory and build time. */
  connectivity: number;
  /** Candidates kept while inserting. */
  expansionAdd: number;
  /** Candidates kept while searching; raised to k when k is larger. */
  expansionSearch: number;
}

/** Graph size under which vectors are inserted one at a time (about a second of work at 384 dimensions). */
const SERIAL_INSERTS_BELOW = 2_000;

export const DEFAULT_HNSW: HnswSettings = { connectivity: 16, expansionAdd: 128, expansionSearch: 128 };

/**
 * Approximate nearest neighbours in a usearch HNSW graph, components stored as int8. Keys are the
 * papers' arXiv ordinals (ADR 0001), so no id table is kept beside the graph.
 */
export class HnswVectorIndex implements VectorIndex {
  private readonly index: Index;

  constructor(
    private readonly dimensions: number,
    readonly settings: HnswSettings = DEFAULT_HNSW,
  ) {
    this.index = new Index({
      metric: MetricKind.Cos,
      dimensions,
      connectivity: settings.connectivity,
      quantization: ScalarKind.I8,
      expansion_add: settings.expansionAdd,
      expansion_search: settings.expansionSearch,
      multi: false,
    });
  }

  get size(): number {
    return this.index.size();
  }

  upsert(vectors: IndexedVector[]): void {
    if (vectors.length === 0) return;
    const keys = new BigUint64Array(vectors.length);
    // One fresh matrix: the binding ignores a TypedArray's byteOffset, so views must never be passed.
    const matrix = new Float32Array(vectors.length * this.dimensions);
    vectors.forEach((vector, i) => {
      if (vector.components.length !== this.dimensions) {
        throw new Error(`vector of ${vector.components.length} dimensions in an index of ${this.dimensions}`);
      }
      keys[i] = BigInt(arxivIdOrdinal(vector.paperId));
      matrix.set(dequantize(vector), i * this.dimensions);
    });
    const present = this.index.contains(keys) as boolean[];
    const replaced = keys.filter((_, i) => present[i]);
    if (replaced.length > 0) this.index.remove(replaced);
    // Concurrent inserts into a small graph leave some nodes poorly linked (a query then misses its
    // nearest paper), so the first vectors go in on one thread and only the rest in parallel.
    const serial = Math.min(keys.length, Math.max(0, SERIAL_INSERTS_BELOW - this.index.size()));
    if (serial > 0) this.index.add(keys.slice(0, serial), matrix.slice(0, serial * this.dimensions), 1);
    if (serial < keys.length) {
      this.index.add(keys.slice(serial), matrix.slice(serial * this.dimensions), 0);
    }
  }

  /** Writes the graph to a file (synchronously: seconds at a million vectors). */
  save(file: string): void {
    this.index.save(file);
  }

  /** Replaces this graph with one saved by `save`; the caller checks the file is whole first. */
  load(file: string): void {
    this.index.load(file);
    if (this.index.dimensions() !== this.dimensions) {
      throw new Error(`saved graph has ${this.index.dimensions()} dimensions, expected ${this.dimensions}`);
    }
  }

  nearest(query: Float32Array, k: number): Neighbour[] {
    if (this.index.size() === 0 || k === 0) return [];
    const { keys, distances } = this.index.search(Float32Array.from(query), k, 1) as Matches;
    return Array.from(keys, (key, i) => ({
      paperId: arxivIdFromOrdinal(Number(key)),
      similarity: 1 - distances[i]!,
    }));
  }
}
