/**
 * One measured retrieval configuration, in its own process so its peak RSS is its own:
 * `tsx bench/retrieval-child.ts DB KIND` embeds what lacks a vector, builds the KIND index, runs the
 * 200 benchmark queries in each mode (a warm-up pass, then a measured one) and prints JSON.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseSearchQuery } from "../src/core/search-query.js";
import { embedMissingPapers } from "../src/search/embed-papers.js";
import { loadBundledEmbedder, loadBundledTitleEmbedder } from "../src/search/embedding/bundled.js";
import { LiveVectorIndex } from "../src/search/live-index.js";
import { SEARCH_MODES, type SearchMode, SearchService } from "../src/search/search-service.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import { benchmarkQueries } from "./search-queries.js";
import { mean, percentile } from "./stats.js";

export interface ModeLatency {
  mode: SearchMode;
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
  /** CPU time of the measured pass per query (user + system), less sensitive to other load. */
  cpuMsPerQuery: number;
}

export interface RetrievalRun {
  kind: "exact" | "hnsw";
  papers: number;
  embedded: number;
  embedSeconds: number;
  /** Where the index came from: built from the stored vectors, or the HNSW graph saved by an earlier run (ADR 0013). */
  indexFrom: "store" | "saved graph";
  /** Time until the index answered: the build from the store, or loading the saved graph and catching up. */
  buildSeconds: number;
  rssAfterBuildMB: number;
  peakRssMB: number;
  modes: ModeLatency[];
}

const LIMIT = 20;
const MB = 1e6;

async function main(): Promise<void> {
  const [database, kind] = process.argv.slice(2) as [string, "exact" | "hnsw"];
  const store = openSqliteStore(database);
  const embedder = loadBundledEmbedder();
  let started = performance.now();
  const embedded = await embedMissingPapers(store, embedder, { batchSize: 2_000 });
  const embedSeconds = (performance.now() - started) / 1000;

  const index = new LiveVectorIndex(store, {
    modelId: embedder.modelId,
    dimensions: embedder.dimensions,
    kind,
    hnswFrom: Number.POSITIVE_INFINITY,
    // Beside the database, as the server keeps it: the first HNSW run saves the graph, later ones load it.
    snapshotDirectory: path.dirname(database),
  });
  started = performance.now();
  const read = await index.catchUp();
  const indexFrom = kind === "hnsw" && read < index.size ? "saved graph" : "store";
  const buildSeconds = (performance.now() - started) / 1000;
  const rssAfterBuildMB = process.memoryUsage().rss / MB;

  const service = new SearchService(store, { embedder, titleEmbedder: loadBundledTitleEmbedder(), index });
  const queries = (await benchmarkQueries(store)).map((text) => parseSearchQuery(text));
  const modes: ModeLatency[] = [];
  for (const mode of SEARCH_MODES) {
    const pass = async () => {
      const times: number[] = [];
      for (const query of queries) {
        const t = performance.now();
        await service.search(query, { mode, sort: "relevance", limit: LIMIT, offset: 0 });
        times.push(performance.now() - t);
      }
      return times;
    };
    await pass();
    const cpu = process.cpuUsage();
    const times = await pass();
    const used = process.cpuUsage(cpu);
    modes.push({
      mode,
      p50Ms: percentile(times, 50),
      p95Ms: percentile(times, 95),
      meanMs: mean(times),
      cpuMsPerQuery: (used.user + used.system) / 1000 / queries.length,
    });
  }
  const run: RetrievalRun = {
    kind,
    papers: await store.countPapers(),
    embedded,
    embedSeconds,
    indexFrom,
    buildSeconds,
    rssAfterBuildMB,
    peakRssMB: (process.resourceUsage().maxRSS * 1024) / MB,
    modes,
  };
  await store.close();
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

await main();
