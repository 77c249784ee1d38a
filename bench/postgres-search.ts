import { readdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { arxivIdOrdinal } from "../src/core/arxiv-id.js";
import { parseSearchQuery } from "../src/core/search-query.js";
import { DEFAULT_FUSION } from "../src/search/fusion.js";
import { openPostgresStore } from "../src/store/postgres/postgres-store.js";
import type { PaperStore } from "../src/store/store.js";
import { type MeasuredRun, runCliMeasured } from "./child.js";
import { CRAWL_CORPUS, DAILY_CORPUS } from "./paths.js";
import { type LatencySummary, type PostgresSearchResults, partHeader } from "./results.js";
import { benchmarkQueries } from "./search-queries.js";
import { cpuSecondsOf } from "./server-node.js";
import { percentile } from "./stats.js";

/**
 * Benchmark 8 (on request): lexical search on the PostgreSQL tier at the merged ~196k corpus, and
 * the two index strategies issue 8 names. The product finds matches through GIN over the weighted
 * tsvector and scores the newest 10,000 with BM25 (ADR 0016); for comparison, ts_rank over every
 * match with a heap sort, and the RUM index (Debian's postgresql-15-rum), which returns matches
 * already ordered by its `<=>` distance, so top-k needs no sort. All answer the same 200 queries; the
 * overlap of RUM's top 10 with the product's says how close its ranking comes.
 */

const LIMIT = 20;
const OVERLAP_AT = 10;
const EXPECTED_PAPERS = 190_000;
/** The query inline (not from a FROM-list function), so the planner can order by the RUM index. */
const Q = "plainto_tsquery('paperpulse', $1)";
/** The product's ranking (src/store/postgres/postgres-search.ts). */
const RANK = `ts_rank('{0.1, 0.2, 0.2, 0.6}', search_vector, ${Q}, 1)`;

function paperFiles(corpus: string): string[] {
  const dir = path.join(corpus, "papers");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".jsonl.gz"))
    .sort()
    .map((name) => path.join(dir, name));
}

function summarise(latencies: number[]): LatencySummary {
  return {
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    maxMs: Math.max(...latencies),
  };
}

/** Both corpora through `paperpulse import` into the PostgreSQL database, as an operator would load it. */
async function loadCorpus(url: string): Promise<MeasuredRun[]> {
  const env = { PAPERPULSE_DATABASE_URL: url };
  const runs = [
    await runCliMeasured(
      [
        "import",
        "--quiet",
        "--no-embed",
        ...paperFiles(DAILY_CORPUS),
        "--listings",
        path.join(DAILY_CORPUS, "daily_listings.tsv.gz"),
      ],
      env,
    ),
    await runCliMeasured(["import", "--quiet", "--no-embed", ...paperFiles(CRAWL_CORPUS)], env),
  ];
  for (const run of runs)
    if (run.exitCode !== 0 && run.exitCode !== 2)
      throw new Error(`import into PostgreSQL failed (exit ${run.exitCode}):\n${run.stderr.slice(-2_000)}`);
  return runs;
}

/** The lexical side of a short query's hybrid search (rankMatches): the word matches its title boost reads. */
const RANK_DEPTH = DEFAULT_FUSION.titleDepth;

interface ProductRun {
  search: number[];
  rank: number[];
  /** Keys of each query's top hits, for the overlap. */
  keys: string[][];
  /** CPU time of the store's server processes per query (search and rankMatches), when they are local. */
  backendCpuMs: number | null;
}

/** CPU ticks (user + system, in ms) of this database's server processes, read from /proc; null if not local. */
async function backendCpuMs(client: pg.PoolClient): Promise<number | null> {
  const pids = await client.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
  );
  let ms = 0;
  for (const { pid } of pids.rows) {
    try {
      ms += cpuSecondsOf(pid) * 1000;
    } catch {
      return null;
    }
  }
  return ms;
}

async function timeProduct(store: PaperStore, client: pg.PoolClient, queries: string[]): Promise<ProductRun> {
  const run: ProductRun = { search: [], rank: [], keys: [], backendCpuMs: null };
  const cpuBefore = await backendCpuMs(client);
  for (const query of queries) {
    let started = performance.now();
    const result = await store.search({ query: parseSearchQuery(query), limit: LIMIT, offset: 0 });
    run.search.push(performance.now() - started);
    run.keys.push(result.hits.map((hit) => String(arxivIdOrdinal(hit.paper.id))));
    started = performance.now();
    await store.rankMatches(parseSearchQuery(query), RANK_DEPTH);
    run.rank.push(performance.now() - started);
  }
  const cpuAfter = await backendCpuMs(client);
  if (cpuBefore !== null && cpuAfter !== null) run.backendCpuMs = (cpuAfter - cpuBefore) / queries.length;
  return run;
}

/** Top-k keys of every query with one SQL ordering; the latencies and the keys, for the overlap. */
async function timeTopK(
  client: pg.PoolClient,
  queries: string[],
  orderBy: string,
): Promise<{ latencies: number[]; keys: string[][] }> {
  const sql = `SELECT key FROM papers WHERE search_vector @@ ${Q} ORDER BY ${orderBy} LIMIT ${LIMIT}`;
  const latencies: number[] = [];
  const keys: string[][] = [];
  for (const query of queries) {
    const started = performance.now();
    const result = await client.query<{ key: string }>(sql, [query]);
    latencies.push(performance.now() - started);
    keys.push(result.rows.map((row) => String(row.key)));
  }
  return { latencies, keys };
}

async function indexMB(client: pg.PoolClient, name: string): Promise<number> {
  const result = await client.query<{ bytes: string }>("SELECT pg_relation_size($1::regclass) AS bytes", [
    name,
  ]);
  return Number(result.rows[0]?.bytes ?? 0) / 1e6;
}

function meanOverlap(a: string[][], b: string[][]): number {
  const shares = a.map((keys, i) => {
    const top = new Set(keys.slice(0, OVERLAP_AT));
    if (top.size === 0) return 1;
    return (b[i] ?? []).slice(0, OVERLAP_AT).filter((key) => top.has(key)).length / top.size;
  });
  return shares.reduce((sum, share) => sum + share, 0) / Math.max(shares.length, 1);
}

export async function runPostgresSearchBenchmark(): Promise<PostgresSearchResults> {
  const url = process.env.PAPERPULSE_BENCH_DATABASE_URL;
  if (!url)
    throw new Error(
      "set PAPERPULSE_BENCH_DATABASE_URL to an empty PostgreSQL database (e.g. `createdb paperpulse_bench`); the first run loads the corpus into it",
    );
  const header = partHeader();
  let store = await openPostgresStore(url, { maxConnections: 1 });
  let load: MeasuredRun[] = [];
  if ((await store.countPapers()) < EXPECTED_PAPERS) {
    await store.close();
    console.log("  loading both corpora into PostgreSQL…");
    load = await loadCorpus(url);
    store = await openPostgresStore(url, { maxConnections: 1 });
  }
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const client = await pool.connect();
  try {
    const corpusPapers = await store.countPapers();
    const queries = await benchmarkQueries(store);
    await client.query("ANALYZE papers");

    await timeProduct(store, client, queries);
    const product = await timeProduct(store, client, queries);

    await timeTopK(client, queries, `${RANK} DESC, key DESC`);
    const gin = await timeTopK(client, queries, `${RANK} DESC, key DESC`);
    const ginMB = await indexMB(client, "papers_search");

    await client.query("CREATE EXTENSION IF NOT EXISTS rum");
    const buildStarted = performance.now();
    await client.query("CREATE INDEX papers_search_rum ON papers USING rum (search_vector rum_tsvector_ops)");
    const rumBuildSeconds = (performance.now() - buildStarted) / 1000;
    try {
      await client.query("ANALYZE papers");
      const rumMB = await indexMB(client, "papers_search_rum");
      await timeTopK(client, queries, `search_vector <=> ${Q}`);
      const rum = await timeTopK(client, queries, `search_vector <=> ${Q}`);
      const results: PostgresSearchResults = {
        ...header,
        corpusPapers,
        queries: queries.length,
        limit: LIMIT,
        load: load.map((run, i) => ({
          label: i === 0 ? "arxiv-daily-2025-2026 + listings" : "arxiv-api-crawl-arxiver",
          wallSeconds: run.wallSeconds,
          peakRssMB: run.peakRssMB,
        })),
        product: summarise(product.search),
        productRank: { ...summarise(product.rank), depth: RANK_DEPTH },
        productBackendCpuMs: product.backendCpuMs,
        gin: { ...summarise(gin.latencies), indexMB: ginMB },
        rum: { ...summarise(rum.latencies), indexMB: rumMB, buildSeconds: rumBuildSeconds },
        overlapAt10: meanOverlap(product.keys, rum.keys),
      };
      console.log(
        `  ${queries.length} queries on ${corpusPapers} papers: product p95 ${results.product.p95Ms.toFixed(1)} ms, ` +
          `GIN top-${LIMIT} p95 ${results.gin.p95Ms.toFixed(1)} ms, RUM p95 ${results.rum.p95Ms.toFixed(1)} ms, ` +
          `overlap@10 ${results.overlapAt10.toFixed(2)}`,
      );
      return results;
    } finally {
      // The product's schema has no RUM index: leave the database as the migrations made it.
      await client.query("DROP INDEX IF EXISTS papers_search_rum");
    }
  } finally {
    client.release();
    await pool.end();
    await store.close();
  }
}
