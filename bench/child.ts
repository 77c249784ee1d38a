import { spawn, spawnSync } from "node:child_process";
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

const RSS_REPORTER = path.join(REPO_ROOT, "bench", "rss-on-exit.mjs");
/** The `paperpulse` command as installed (package.json "bin"), once `npm run build` has compiled it. */
const CLI_ENTRY = path.join(REPO_ROOT, "dist", "src", "cli", "main.js");

let built = false;

/** Compiles the sources once per benchmark process, so the runs measure the current tree. */
function buildOnce(): void {
  if (built) return;
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: REPO_ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error("npm run build failed");
  built = true;
}

/**
 * Runs `paperpulse <args>` in a child process, the built command as a user runs it (not through tsx,
 * whose start-up and compiling on load `npm run cli` adds); wall time, peak RSS and CPU time.
 */
export async function runCliMeasured(args: string[], env: Record<string, string>): Promise<MeasuredRun> {
  buildOnce();
  const scratch = mkdtempSync(path.join(os.tmpdir(), "paperpulse-bench-"));
  const rssFile = path.join(scratch, "rss.json");
  try {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", RSS_REPORTER, CLI_ENTRY, ...args], {
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
