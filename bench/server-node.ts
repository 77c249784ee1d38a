/**
 * A web node of the benchmarks: the real server (`src/server.ts`) as a child process, ready once it
 * answers a search by meaning (its vector graph is loaded), and what /proc says of a process's CPU
 * time and peak memory.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { REPO_ROOT } from "./paths.js";

const READY_QUERY = "/api/search?q=graph+neural+networks&mode=semantic&limit=1";

/** User + system CPU seconds of a process so far (clock ticks of 10 ms). */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Peak resident memory of a process so far (VmHWM), in MiB. */
export function peakRssMBOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/);
  return line ? Number(line[1]) / 1024 : 0;
}

export interface ServerNode {
  port: number;
  child: ChildProcess;
  /** What the node wrote to stdout so far (its log, at the level `env` asks for). */
  log(): string;
}

async function answersByMeaning(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${READY_QUERY}`);
    if (!response.ok) return false;
    return ((await response.json()) as { mode?: string }).mode === "semantic";
  } catch {
    return false;
  }
}

/** Starts `src/server.ts` on `port` with `env` over this process's environment; resolves once it searches by meaning. */
export async function startServerNode(port: number, env: Record<string, string>): Promise<ServerNode> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    log += chunk.toString("utf8");
  });
  const node: ServerNode = { port, child, log: () => log };
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the node on port ${port} exited (${child.exitCode}):\n${log.slice(-2_000)}`);
    if (await answersByMeaning(port)) return node;
    await sleep(200);
  }
}

/** Stops the node; resolves to its peak RSS in MiB. */
export async function stopServerNode(node: ServerNode): Promise<number> {
  const rss = peakRssMBOf(node.child.pid!);
  node.child.kill("SIGTERM");
  await new Promise((resolve) => node.child.once("exit", resolve));
  return rss;
}
