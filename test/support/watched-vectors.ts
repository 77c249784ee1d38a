import type { StoredVector, VectorStore } from "../../src/store/vector-store.js";

/**
 * The store as it is, except that each batch `vectorsSince` reads is handed to `afterRead` (with the
 * read's number, from 1) before the caller gets it: a test acts at a known point of a catch-up.
 */
export function watchVectorReads(
  store: VectorStore,
  afterRead: (read: number, batch: StoredVector[]) => void | Promise<void>,
): VectorStore & { reads: number } {
  const watched = { reads: 0 };
  return new Proxy(store, {
    get(target, property) {
      if (property === "reads") return watched.reads;
      if (property === "vectorsSince")
        return async (modelId: string, afterSeq: number, limit: number) => {
          const batch = await target.vectorsSince(modelId, afterSeq, limit);
          watched.reads += 1;
          await afterRead(watched.reads, batch);
          return batch;
        };
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as VectorStore & { reads: number };
}
