/**
 * Preloaded into a benchmarked child process (`node --import bench/rss-on-exit.mjs …`): on exit it
 * writes the process's peak RSS (getrusage's ru_maxrss, the figure /usr/bin/time -v reports) and its
 * CPU time, every thread, to the file named by BENCH_RSS_FILE.
 */
import { writeFileSync } from "node:fs";

const reportFile = process.env.BENCH_RSS_FILE;
process.on("exit", () => {
  if (!reportFile) return;
  const usage = process.resourceUsage();
  // Microseconds; on a shared machine CPU time varies less than wall time.
  const cpuMicros = usage.userCPUTime + usage.systemCPUTime;
  writeFileSync(reportFile, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMicros }));
});
