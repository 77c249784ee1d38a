/**
 * The search page's trend (papers and upvotes per month of a query's matches, counted for every first
 * page) on a large corpus: `node --import tsx bench/search-trend.ts (DATA_FOLDER | postgres://…)`.
 * Runs the load benchmark's searches and a filter-only one through the store, a warm-up pass and three
 * measured ones, and prints wall and CPU time (user + system of this process; on PostgreSQL the
 * database's work is in the wall time only) per query: the month counts alone, then the first page's
 * lexical pass (the ranking hybrid search asks for) with its months counted in the same pass, against
 * the ranking and the separate count run concurrently. Run by hand; docs/BENCHMARKS.md quotes it.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseSearchQuery } from "../src/core/search-query.js";
import { openPostgresStore } from "../src/store/postgres/postgres-store.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../src/store/store.js";
import { PAGE_QUERIES } from "./search-queries.js";
import { percentile } from "./stats.js";

const PASSES = 3;
const QUERIES = [...PAGE_QUERIES, "cat:cs.LG"];
/** Hybrid search's lexical depth for a first page (src/search/fusion.ts). */
const RANKED_DEPTH = 30;

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

interface Measured {
  wallMs: number;
  cpuMs: number;
}

/** The median wall and CPU time of `work` over the passes. */
async function measured(work: () => Promise<unknown>): Promise<Measured> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    const cpu = cpuMs();
    const started = performance.now();
    await work();
    walls.push(performance.now() - started);
    cpus.push(cpuMs() - cpu);
  }
  return { wallMs: percentile(walls, 50), cpuMs: percentile(cpus, 50) };
}

function cells({ wallMs, cpuMs }: Measured): string {
  return `${wallMs.toFixed(1)} | ${cpuMs.toFixed(1)}`;
}

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) throw new Error("usage: bench/search-trend.ts (DATA_FOLDER | postgres://…)");
  const store: PaperStore = target.startsWith("postgres")
    ? await openPostgresStore(target)
    : openSqliteStore(path.join(target, "paperpulse.db"));
  try {
    for (const text of QUERIES) await store.searchMonthCounts(parseSearchQuery(text));
    console.log("query | matches counted | months | wall ms (median) | CPU ms (median)");
    for (const text of QUERIES) {
      const walls: number[] = [];
      const cpus: number[] = [];
      let counted = 0;
      let months = 0;
      for (let pass = 0; pass < PASSES; pass++) {
        const cpu = cpuMs();
        const started = performance.now();
        const result = await store.searchMonthCounts(parseSearchQuery(text));
        walls.push(performance.now() - started);
        cpus.push(cpuMs() - cpu);
        counted = result.months.reduce((sum, month) => sum + month.papers, 0);
        months = result.months.length;
      }
      const wall = percentile(walls, 50).toFixed(1);
      const cpu = percentile(cpus, 50).toFixed(1);
      console.log(`${text} | ${counted} | ${months} | ${wall} | ${cpu}`);
    }
    console.log(
      "\nquery | ranking with its months, wall ms | CPU ms | ranking and month counts apart, wall ms | CPU ms",
    );
    for (const text of PAGE_QUERIES) {
      const query = parseSearchQuery(text);
      await store.rankMatches(query, RANKED_DEPTH, { monthCounts: true });
      const together = await measured(() => store.rankMatches(query, RANKED_DEPTH, { monthCounts: true }));
      const apart = await measured(() =>
        Promise.all([store.rankMatches(query, RANKED_DEPTH), store.searchMonthCounts(query)]),
      );
      console.log(`${text} | ${cells(together)} | ${cells(apart)}`);
    }
  } finally {
    await store.close();
  }
}

await main();
