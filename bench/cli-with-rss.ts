/**
 * Runs the real `paperpulse` CLI in this process and, on exit, writes its peak RSS
 * (getrusage's ru_maxrss, the figure /usr/bin/time -v reports) to the file named by BENCH_RSS_FILE.
 * Usage: BENCH_RSS_FILE=out.json node --import tsx bench/cli-with-rss.ts import …
 */
import { writeFileSync } from "node:fs";

const reportFile = process.env.BENCH_RSS_FILE;
process.on("exit", () => {
  if (reportFile) writeFileSync(reportFile, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
});

await import("../src/cli/main.js");
