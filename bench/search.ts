import { performance } from "node:perf_hooks";
import { parseSearchQuery } from "../src/core/search-query.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import type { PaperStore, SearchResult } from "../src/store/store.js";
import { BENCH_DB } from "./paths.js";
import { partHeader, type SearchResults, type SlowQuery } from "./results.js";
import { benchmarkQueries } from "./search-queries.js";
import { mean, percentile } from "./stats.js";

const LIMIT = 20;
const SHOWN_SLOWEST = 5;

interface Timed {
  query: string;
  ms: number;
  result: SearchResult;
}

async function timeQueries(store: PaperStore, queries: string[]): Promise<Timed[]> {
  const timed: Timed[] = [];
  for (const query of queries) {
    // Parsing is part of what a search request pays, so it is inside the timing.
    const started = performance.now();
    const result = await store.search({ query: parseSearchQuery(query), limit: LIMIT, offset: 0 });
    timed.push({ query, ms: performance.now() - started, result });
  }
  return timed;
}

/** Benchmark 2: the 200 benchmark queries in-process on the merged corpus; a warm-up pass, then a measured one. */
export async function runSearchBenchmark(): Promise<SearchResults> {
  const header = partHeader();
  const store = openSqliteStore(BENCH_DB);
  try {
    const corpusPapers = await store.countPapers();
    if (corpusPapers === 0) throw new Error(`${BENCH_DB} is empty: run \`npm run bench -- import\` first`);
    const queries = await benchmarkQueries(store);
    await timeQueries(store, queries);
    const measured = await timeQueries(store, queries);

    const latencies = measured.map((t) => t.ms);
    const slowest: SlowQuery[] = [...measured]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, SHOWN_SLOWEST)
      .map((t) => ({ query: t.query, ms: t.ms, total: t.result.total, truncated: t.result.truncated }));
    const results: SearchResults = {
      ...header,
      corpusPapers,
      queries: queries.length,
      limit: LIMIT,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
      meanMs: mean(latencies),
      truncated: measured.filter((t) => t.result.truncated).length,
      noHits: measured.filter((t) => t.result.hits.length === 0).length,
      slowest,
    };
    console.log(
      `  ${queries.length} queries on ${corpusPapers} papers: p50 ${results.p50Ms.toFixed(2)} ms, ` +
        `p95 ${results.p95Ms.toFixed(2)} ms, ${results.truncated} truncated`,
    );
    return results;
  } finally {
    await store.close();
  }
}
