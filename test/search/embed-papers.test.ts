import { describe, expect, it } from "vitest";
import { embedMissingPapers } from "../../src/search/embed-papers.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { VectorStore } from "../../src/store/vector-store.js";
import { HashedEmbedder } from "../support/hashed-embedder.js";
import { makePaperInput } from "../support/paper-factory.js";

/** The store, with the searches for papers lacking a vector counted. */
function countingSearches(store: VectorStore): { store: VectorStore; searches: () => number } {
  let searches = 0;
  const counted: VectorStore = Object.create(store);
  counted.papersLackingVectors = (modelId, afterId, limit) => {
    searches++;
    return store.papersLackingVectors(modelId, afterId, limit);
  };
  return { store: counted, searches: () => searches };
}

describe("embedMissingPapers", () => {
  const embedder = new HashedEmbedder({ vocabulary: ["graph", "networks", "study", "topic"] });

  it("embeds the papers lacking a vector, then finds none without searching the papers again", async () => {
    const sqlite = openSqliteStore(":memory:");
    try {
      await sqlite.upsertPapers([makePaperInput(), makePaperInput(), makePaperInput()]);
      const { store, searches } = countingSearches(sqlite);
      expect(await embedMissingPapers(store, embedder, { batchSize: 2 })).toBe(3);
      expect(await sqlite.countPapersLackingVectors(embedder.modelId)).toBe(0);
      const searchesWhenEmbedding = searches();
      expect(searchesWhenEmbedding).toBeGreaterThan(0);
      expect(await embedMissingPapers(store, embedder)).toBe(0);
      expect(searches()).toBe(searchesWhenEmbedding);
      await sqlite.upsertPapers([makePaperInput()]);
      expect(await embedMissingPapers(store, embedder)).toBe(1);
    } finally {
      await sqlite.close();
    }
  });
});
