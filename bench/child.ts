import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { REPO_ROOT } from "./paths.js";

export interface MeasuredRun {
  exitCode: number;
  wallSeconds: number;
  peakRssMB: number;
  /** User + system CPU time of the child, all its threads. */
  cpuSeconds: number;
  stdout: string;
  stderr: string;
}

const WRAPPER = path.join(REPO_ROOT, "bench", "cli-with-rss.ts");

/** Runs `paperpulse <args>` in a child process (through tsx, as `npm run cli` does); wall time and peak RSS. */
export async function runCliMeasured(args: string[], env: Record<string, string>): Promise<MeasuredRun> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "paperpulse-bench-"));
  const rssFile = path.join(scratch, "rss.json");
  try {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", WRAPPER, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code) => resolve(code ?? -1));
    });
    const wallSeconds = (performance.now() - started) / 1000;
    const { maxRssKiB, cpuMicros } = JSON.parse(readFileSync(rssFile, "utf8")) as {
      maxRssKiB: number;
      cpuMicros: number;
    };
    return {
      exitCode,
      wallSeconds,
      peakRssMB: (maxRssKiB * 1024) / 1e6,
      cpuSeconds: cpuMicros / 1e6,
      stdout,
      stderr,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
