/**
 * Lexical search alone, for iterating on it: `tsx bench/lexical.ts DB [--rounds N] [--results FILE]`
 * runs the 200 benchmark queries of bench/search-queries.ts through the store (limit 20, relevance
 * order) in one process: a warm-up pass, then N measured passes. It prints each pass's wall and CPU
 * p50/p95 per query (CPU: user + system, steadier on a shared machine), and the ten slowest queries. `--results` writes every query's
 * page (ids and scores) and its hybrid word matches (rankMatches as deep as the title boost reads) as JSON, so two
 * builds can be compared for identical results. Give it a copy of a corpus: opening migrates it.
 */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { parseSearchQuery } from "../src/core/search-query.js";
import { DEFAULT_FUSION } from "../src/search/fusion.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import { benchmarkQueries } from "./search-queries.js";
import { mean, percentile } from "./stats.js";

const LIMIT = 20;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: "string", default: "3" }, results: { type: "string" } },
});
const database = positionals[0];
if (!database) throw new Error("usage: tsx bench/lexical.ts DB [--rounds N] [--results FILE]");
const rounds = Number(values.rounds);

const store = openSqliteStore(database);
const texts = await benchmarkQueries(store);
const queries = texts.map((text) => parseSearchQuery(text));

const search = (i: number) =>
  store.search({ query: queries[i]!, sort: "relevance", limit: LIMIT, offset: 0 });

for (let i = 0; i < queries.length; i++) await search(i);
/** Per query and pass: wall time and this process's CPU time (user + system), both in ms. */
const wall: number[][] = queries.map(() => []);
const cpu: number[][] = queries.map(() => []);
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < queries.length; i++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await search(i);
    wall[i]!.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu[i]!.push((used.user + used.system) / 1000);
  }
  const times = wall.map((samples) => samples[round]!);
  const cpuTimes = cpu.map((samples) => samples[round]!);
  console.log(
    `pass ${round + 1}: wall p50 ${percentile(times, 50).toFixed(2)} p95 ${percentile(times, 95).toFixed(2)} mean ${mean(times).toFixed(2)} ms; CPU p50 ${percentile(cpuTimes, 50).toFixed(2)} p95 ${percentile(cpuTimes, 95).toFixed(2)} mean ${mean(cpuTimes).toFixed(2)} ms`,
  );
}
const medians = queries.map((_, i) => ({
  text: texts[i]!,
  wallMs: percentile(wall[i]!, 50),
  cpuMs: percentile(cpu[i]!, 50),
}));
console.log("slowest by CPU (median over passes: CPU ms, wall ms):");
for (const { text, wallMs, cpuMs } of [...medians].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 10))
  console.log(`  ${cpuMs.toFixed(2)}  ${wallMs.toFixed(2)}  ${text}`);

if (values.results) {
  const results = [];
  for (let i = 0; i < queries.length; i++) {
    const page = await search(i);
    const ranked = await store.rankMatches(queries[i]!, DEFAULT_FUSION.titleDepth);
    results.push({
      query: texts[i],
      total: page.total,
      truncated: page.truncated,
      hits: page.hits.map((hit) => [hit.paper.id, hit.score, hit.titleHighlighted, hit.abstractSnippet]),
      ranked: ranked.matches.map((match) => [match.paperId, match.score]),
      rankedTotal: ranked.total,
    });
  }
  writeFileSync(values.results, JSON.stringify(results, null, 1));
}
await store.close();
