import type { QuantizedVector } from "../store/vector-store.js";

export interface Neighbour {
  paperId: string;
  /** Cosine similarity to the query, in [-1, 1]. */
  similarity: number;
}

export interface IndexedVector extends QuantizedVector {
  paperId: string;
}

/** Nearest-neighbour search over papers' vectors, kept current one batch at a time. */
export interface VectorIndex {
  readonly size: number;
  /** Adds vectors; a paper already present gets its new vector. */
  upsert(vectors: IndexedVector[]): void;
  /** The k papers most similar to the query (an L2-normalised vector), most similar first. */
  nearest(query: Float32Array, k: number): Neighbour[];
}

/** Keeps the k largest scores seen; a binary min-heap, so each offer costs O(log k). */
export class TopK {
  private readonly scores: number[] = [];
  private readonly items: number[] = [];

  constructor(private readonly k: number) {}

  /** The score a new item must beat to get in. */
  get threshold(): number {
    return this.scores.length < this.k ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  offer(item: number, score: number): void {
    if (this.k === 0) return;
    if (this.scores.length < this.k) {
      this.scores.push(score);
      this.items.push(item);
      this.siftUp(this.scores.length - 1);
    } else if (score > this.scores[0]!) {
      this.scores[0] = score;
      this.items[0] = item;
      this.siftDown(0);
    }
  }

  /** Items with their scores, best first. */
  sorted(): { item: number; score: number }[] {
    return this.items
      .map((item, i) => ({ item, score: this.scores[i]! }))
      .sort((a, b) => b.score - a.score || a.item - b.item);
  }

  private swap(a: number, b: number): void {
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
    [this.items[a], this.items[b]] = [this.items[b]!, this.items[a]!];
  }

  private siftUp(at: number): void {
    let i = at;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.scores[parent]! <= this.scores[i]!) return;
      this.swap(parent, i);
      i = parent;
    }
  }

  private siftDown(at: number): void {
    let i = at;
    const n = this.scores.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.scores[left]! < this.scores[smallest]!) smallest = left;
      if (right < n && this.scores[right]! < this.scores[smallest]!) smallest = right;
      if (smallest === i) return;
      this.swap(smallest, i);
      i = smallest;
    }
  }
}
