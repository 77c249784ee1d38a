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
export function startCli(
  args: string[],
  dataDir: string,
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(REPO_ROOT, "src/cli/main.ts"), ...args],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, PAPERPULSE_DATA: dataDir, ...env },
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

/** `env` adds settings for the child (e.g. PAPERPULSE_ARXIV_API_URL pointing at a fixture server). */
export function runCli(
  args: string[],
  dataDir: string,
  env: Record<string, string> = {},
): Promise<CliResult> {
  return startCli(args, dataDir, env).done;
}
