import type { EmbedResults } from "./results.js";

/** The targets of the search-by-meaning issue for the bundled embedder. */
const TARGETS = { papersPerCpuSecond: 1_000, queryP95Ms: 2 };

const whole = (n: number) => Math.round(n).toLocaleString("en-US");
const verdict = (met: boolean) => (met ? "met" : "**missed**");

export function embedTargetRows(r: EmbedResults): string[][] {
  return [
    [
      "embed title + abstract, one core",
      `≥ ${whole(TARGETS.papersPerCpuSecond)} papers/s`,
      `${whole(r.papersPerCpuSecond)} papers/s`,
      verdict(r.papersPerCpuSecond >= TARGETS.papersPerCpuSecond),
    ],
    [
      "embed a query",
      `p95 ≤ ${TARGETS.queryP95Ms} ms`,
      `${r.queryP95Ms.toFixed(3)} ms`,
      verdict(r.queryP95Ms <= TARGETS.queryP95Ms),
    ],
  ];
}

export function embedSection(r: EmbedResults, when: string): string {
  return `## 4. Embedding (bundled model)

${when}

\`npm run bench -- embed\`: the bundled model \`${r.modelId}\` (${r.dimensions} dimensions, loaded and
checksummed in ${whole(r.loadMs)} ms) embeds the title + abstract of every paper of the daily corpus
(${whole(r.papers)} papers, ${whole(r.meanChars)} characters on average) in one thread, after a
2,000-paper warm-up. The rate divides by the loop's CPU time (user + system, \`process.cpuUsage\`),
which is one core's work whatever else runs on the machine; the loop's wall time was
${r.wallSeconds.toFixed(1)} s. Then ${r.queries} queries (100 topics of \`bench/search-queries.ts\`,
100 whole titles) are embedded one at a time, after a warm-up pass, each timed on the wall clock.

| papers | CPU (s) | papers/s (one core) | queries | query p50 (ms) | query p95 (ms) | query max (ms) |
| --- | --- | --- | --- | --- | --- | --- |
| ${whole(r.papers)} | ${r.cpuSeconds.toFixed(1)} | ${whole(r.papersPerCpuSecond)} | ${r.queries} | ${r.queryP50Ms.toFixed(3)} | ${r.queryP95Ms.toFixed(3)} | ${r.queryMaxMs.toFixed(3)} |`;
}
