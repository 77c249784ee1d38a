import { quantize } from "./quantize.js";
import { type IndexedVector, type Neighbour, TopK, type VectorIndex } from "./vector-index.js";

const INITIAL_CAPACITY = 1_024;

/**
 * Every vector in one int8 matrix, scanned in full for each query: exact, no build step, a quarter
 * of f32's memory. Linear in the corpus (ADR 0008 says where it stops being fast enough).
 */
export class ExactVectorIndex implements VectorIndex {
  private matrix: Int8Array;
  private scales: Float32Array;
  private readonly paperIds: string[] = [];
  private readonly slots = new Map<string, number>();

  constructor(private readonly dimensions: number) {
    this.matrix = new Int8Array(INITIAL_CAPACITY * dimensions);
    this.scales = new Float32Array(INITIAL_CAPACITY);
  }

  get size(): number {
    return this.paperIds.length;
  }

  upsert(vectors: IndexedVector[]): void {
    for (const { paperId, components, scale } of vectors) {
      if (components.length !== this.dimensions) {
        throw new Error(`vector of ${components.length} dimensions in an index of ${this.dimensions}`);
      }
      let slot = this.slots.get(paperId);
      if (slot === undefined) {
        slot = this.paperIds.length;
        this.ensureCapacity(slot + 1);
        this.paperIds.push(paperId);
        this.slots.set(paperId, slot);
      }
      this.matrix.set(components, slot * this.dimensions);
      this.scales[slot] = scale;
    }
  }

  nearest(query: Float32Array, k: number): Neighbour[] {
    const { components: q, scale: queryScale } = quantize(query);
    const { matrix, scales, dimensions } = this;
    const top = new TopK(k);
    for (let slot = 0, offset = 0; slot < this.paperIds.length; slot++, offset += dimensions) {
      // Four accumulators: about a third faster than one in V8 (fewer dependent adds).
      let a = 0;
      let b = 0;
      let c = 0;
      let d = 0;
      let j = 0;
      for (; j + 3 < dimensions; j += 4) {
        a += matrix[offset + j]! * q[j]!;
        b += matrix[offset + j + 1]! * q[j + 1]!;
        c += matrix[offset + j + 2]! * q[j + 2]!;
        d += matrix[offset + j + 3]! * q[j + 3]!;
      }
      for (; j < dimensions; j++) a += matrix[offset + j]! * q[j]!;
      const similarity = (a + b + c + d) * scales[slot]! * queryScale;
      if (similarity > top.threshold) top.offer(slot, similarity);
    }
    return top.sorted().map(({ item, score }) => ({ paperId: this.paperIds[item]!, similarity: score }));
  }

  private ensureCapacity(slots: number): void {
    if (slots <= this.scales.length) return;
    const capacity = Math.max(slots, this.scales.length * 2);
    const matrix = new Int8Array(capacity * this.dimensions);
    matrix.set(this.matrix);
    const scales = new Float32Array(capacity);
    scales.set(this.scales);
    this.matrix = matrix;
    this.scales = scales;
  }
}
