import { embedMissingPapers } from "../../src/search/embed-papers.js";
import type { Embedder } from "../../src/search/embedder.js";
import { LiveVectorIndex } from "../../src/search/live-index.js";
import type { SemanticSearch } from "../../src/search/search-service.js";
import type { PaperStore } from "../../src/store/store.js";

/** A model over the stored papers, as the server has one: every paper embedded, an exact index of them. */
export async function semanticOver(store: PaperStore, embedder: Embedder): Promise<SemanticSearch> {
  await embedMissingPapers(store, embedder);
  const index = new LiveVectorIndex(store, {
    modelId: embedder.modelId,
    dimensions: embedder.dimensions,
    kind: "exact",
    hnswFrom: 0,
  });
  await index.catchUp();
  return { embedder, index };
}
