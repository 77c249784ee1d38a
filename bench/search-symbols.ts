/**
 * Names with symbols (C++, C#) on a large corpus: `node --import tsx bench/search-symbols.ts
 * (DATA_FOLDER | postgres://…)`. Each such name is searched by its letters, whose matches the store
 * then checks for the name as written; this runs each name beside its bare letters (what the search
 * ran before) through the search page's lexical pass (first page, months counted) and hybrid search's
 * ranking, interleaved, a warm-up pass and five measured ones, and prints the matches and the median
 * wall and CPU time (user + system of this process; on PostgreSQL the database's work is in the wall
 * time only). Run by hand; docs/BENCHMARKS.md quotes it.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseSearchQuery } from "../src/core/search-query.js";
import { openPostgresStore } from "../src/store/postgres/postgres-store.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../src/store/store.js";
import { percentile } from "./stats.js";

const PASSES = 5;
/** Each name beside the bare letters a search read it as before. */
const QUERIES = ["c", "C++", "C#", "c templates", "C++ templates", "f", "F#"];
/** Hybrid search's lexical depth for a first page (src/search/fusion.ts). */
const RANKED_DEPTH = 30;

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

async function timed(work: () => Promise<unknown>): Promise<Sample> {
  const cpu = cpuMs();
  const started = performance.now();
  await work();
  return { wallMs: performance.now() - started, cpuMs: cpuMs() - cpu };
}

function median(samples: Sample[], key: keyof Sample): string {
  return percentile(
    samples.map((sample) => sample[key]),
    50,
  ).toFixed(1);
}

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) throw new Error("usage: bench/search-symbols.ts (DATA_FOLDER | postgres://…)");
  const store: PaperStore = target.startsWith("postgres")
    ? await openPostgresStore(target)
    : openSqliteStore(path.join(target, "paperpulse.db"));
  try {
    const page = (text: string) =>
      store.search({ query: parseSearchQuery(text), limit: 20, offset: 0, monthCounts: true });
    const ranking = (text: string) =>
      store.rankMatches(parseSearchQuery(text), RANKED_DEPTH, { monthCounts: true });
    const pages = new Map<string, Sample[]>(QUERIES.map((text) => [text, []]));
    const rankings = new Map<string, Sample[]>(QUERIES.map((text) => [text, []]));
    for (let pass = 0; pass <= PASSES; pass++) {
      for (const text of QUERIES) {
        const pageSample = await timed(() => page(text));
        const rankingSample = await timed(() => ranking(text));
        if (pass === 0) continue;
        pages.get(text)!.push(pageSample);
        rankings.get(text)!.push(rankingSample);
      }
    }
    console.log("query | matches | page wall ms | page CPU ms | ranking wall ms | ranking CPU ms");
    for (const text of QUERIES) {
      const { total, truncated } = await page(text);
      const p = pages.get(text)!;
      const r = rankings.get(text)!;
      console.log(
        `${text} | ${truncated ? "≥" : ""}${total} | ${median(p, "wallMs")} | ${median(p, "cpuMs")} | ${median(r, "wallMs")} | ${median(r, "cpuMs")}`,
      );
    }
  } finally {
    await store.close();
  }
}

await main();
