import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "../ingest/helpers.js";

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `paperpulse` as node itself (no npx wrapper), so a signal reaches the importing process. */
export function startCli(args: string[], dataDir: string): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(REPO_ROOT, "src/cli/main.ts"), ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, PAPERPULSE_DATA: dataDir },
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const done = new Promise<CliResult>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

export function runCli(args: string[], dataDir: string): Promise<CliResult> {
  return startCli(args, dataDir).done;
}
