import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gunzipSync } from "node:zlib";
import { loadBundledEmbedder } from "../src/search/embedding/bundled.js";
import { DAILY_CORPUS } from "./paths.js";
import { type EmbedResults, partHeader } from "./results.js";
import { TOPICS } from "./search-queries.js";
import { percentile } from "./stats.js";

const QUERY_TITLES = 100;

interface TitledPaper {
  title: string;
  abstract: string;
}

function readCorpus(folder: string): TitledPaper[] {
  const papersDir = path.join(folder, "papers");
  const papers: TitledPaper[] = [];
  for (const file of readdirSync(papersDir).sort()) {
    const lines = gunzipSync(readFileSync(path.join(papersDir, file)))
      .toString("utf8")
      .split("\n");
    for (const line of lines) {
      if (line === "") continue;
      const record = JSON.parse(line) as { title: string; abstract: string };
      papers.push({ title: record.title, abstract: record.abstract });
    }
  }
  return papers;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/**
 * Benchmark: the bundled model embedding every title + abstract of the daily corpus on this one
 * thread (so one core), then 200 queries (100 topics, 100 whole titles) one at a time, after a warm-up.
 */
export function runEmbedBenchmark(): EmbedResults {
  const header = partHeader();
  const loadStarted = performance.now();
  const embedder = loadBundledEmbedder();
  const loadMs = performance.now() - loadStarted;
  const papers = readCorpus(DAILY_CORPUS);
  const texts = papers.map((p) => `${p.title}\n${p.abstract}`);

  for (const text of texts.slice(0, 2_000)) embedder.embed(text);
  const cpu = process.cpuUsage();
  const wallStarted = performance.now();
  let checksum = 0;
  for (const text of texts) checksum += embedder.embed(text)[0]!;
  const wallSeconds = (performance.now() - wallStarted) / 1000;
  const embedCpuSeconds = cpuSeconds(cpu);

  const step = Math.floor(papers.length / QUERY_TITLES);
  const titles = papers.filter((_, i) => i % step === 0).map((p) => p.title);
  const queries = [...TOPICS.slice(0, 100), ...titles.slice(0, QUERY_TITLES)];
  for (const query of queries) embedder.embed(query);
  const queryMs = queries.map((query) => {
    const started = performance.now();
    embedder.embed(query);
    return performance.now() - started;
  });

  const results: EmbedResults = {
    ...header,
    modelId: embedder.modelId,
    dimensions: embedder.dimensions,
    loadMs,
    papers: texts.length,
    meanChars: texts.reduce((sum, t) => sum + t.length, 0) / texts.length,
    cpuSeconds: embedCpuSeconds,
    wallSeconds,
    papersPerCpuSecond: texts.length / embedCpuSeconds,
    queries: queries.length,
    queryP50Ms: percentile(queryMs, 50),
    queryP95Ms: percentile(queryMs, 95),
    queryMaxMs: Math.max(...queryMs),
  };
  console.log(
    `  ${texts.length} papers in ${embedCpuSeconds.toFixed(1)} CPU s (${Math.round(results.papersPerCpuSecond)}/s); ` +
      `queries p50 ${results.queryP50Ms.toFixed(3)} ms, p95 ${results.queryP95Ms.toFixed(3)} ms (checksum ${checksum.toFixed(3)})`,
  );
  return results;
}
