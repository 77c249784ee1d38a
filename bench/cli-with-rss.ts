/**
 * Runs the real `paperpulse` CLI in this process and, on exit, writes its peak RSS
 * (getrusage's ru_maxrss, the figure /usr/bin/time -v reports) to the file named by BENCH_RSS_FILE.
 * Usage: BENCH_RSS_FILE=out.json node --import tsx bench/cli-with-rss.ts import …
 */
import { writeFileSync } from "node:fs";

const reportFile = process.env.BENCH_RSS_FILE;
process.on("exit", () => {
  if (!reportFile) return;
  const usage = process.resourceUsage();
  // CPU time of every thread of the process (microseconds): on a shared machine it varies less than wall time.
  const cpuMicros = usage.userCPUTime + usage.systemCPUTime;
  writeFileSync(reportFile, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMicros }));
});

await import("../src/cli/main.js");
