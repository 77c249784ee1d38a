import { loadConfig } from "../config.js";
import { embedMissingPapers } from "../search/embed-papers.js";
import { loadConfiguredEmbedder } from "../search/embedding/bundled.js";
import type { VectorStore } from "../store/vector-store.js";
import { embedProgressDisplay } from "./embed-progress.js";
import { formatCount } from "./format-numbers.js";

/** The import's second phase: vectors for every paper that lacks one of the configured model. */
export async function embedImported(store: VectorStore, signal: AbortSignal, quiet: boolean): Promise<void> {
  const embedder = loadConfiguredEmbedder(loadConfig());
  const progress = embedProgressDisplay(process.stderr, quiet);
  const started = performance.now();
  try {
    const embedded = await embedMissingPapers(store, embedder, {
      signal,
      batchSize: 1_000,
      onProgress: (p) => progress.update(p),
    });
    progress.stop();
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `embedded ${formatCount(embedded)} papers in ${seconds.toFixed(1)} s with ${embedder.modelId}\n`,
    );
  } finally {
    progress.stop();
  }
}
