/**
 * HTTP load from wrk (Debian's package), a C load generator: it parses responses without copying their
 * bodies, so on a 2-core machine it leaves the server most of a core. autocannon, its JavaScript
 * predecessor here, appended every body to a string (UTF-8 decoding it), which made the load generator
 * the bottleneck for pages over a few KB (docs/BENCHMARKS.md, the notes under "Home page").
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const WRK = "/usr/bin/wrk";

export interface WrkLoad {
  connections: number;
  threads: number;
  seconds: number;
  /** Request paths, sent in turn (one path: wrk's own precomputed request, the cheapest). */
  paths: string[];
  headers: Record<string, string>;
}

export interface WrkResult {
  requests: number;
  seconds: number;
  bytes: number;
  /** Latency percentiles over every request, in milliseconds (wrk records microseconds). */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Non-2xx/3xx answers, and connect, read, write errors and timeouts. */
  failures: number;
}

/** Installs wrk from Debian's packages when it is missing, as scripts/test.sh does for chromium. */
export function ensureWrk(): string {
  if (!existsSync(WRK)) {
    console.log("Installing Debian's wrk for the HTTP benchmark…");
    const [command, ...prefix] = process.getuid?.() === 0 ? ["apt-get"] : ["sudo", "apt-get"];
    const apt = (...args: string[]) =>
      execFileSync(command!, [...prefix, ...args], {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    apt("update", "-qq");
    apt("install", "-y", "-qq", "wrk");
  }
  // wrk prints its version with its usage and exits 1.
  const { stdout } = spawnSync(WRK, ["--version"], { encoding: "utf8" });
  return stdout.split("\n")[0]!.replace(/\s*\[.*$/, "");
}

function luaString(text: string): string {
  return JSON.stringify(text);
}

/** The script: paths in turn (when several) and one JSON line of results on stderr when done. */
function script(paths: string[]): string {
  const rotation =
    paths.length > 1
      ? `local paths = { ${paths.map(luaString).join(", ")} }
local next_path = 0
request = function()
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path])
end
`
      : "";
  return `${rotation}
done = function(summary, latency, requests)
  local e = summary.errors
  io.stderr:write(string.format(
    '{"requests":%d,"durationUs":%d,"bytes":%d,"failures":%d,"p50Us":%d,"p95Us":%d,"p99Us":%d,"maxUs":%d}\\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
`;
}

interface WrkSummary {
  requests: number;
  durationUs: number;
  bytes: number;
  failures: number;
  p50Us: number;
  p95Us: number;
  p99Us: number;
  maxUs: number;
}

/** Runs wrk against http://127.0.0.1:port and returns its measurements. */
export async function runWrk(port: number, load: WrkLoad): Promise<WrkResult> {
  const folder = mkdtempSync(path.join(tmpdir(), "paperpulse-wrk-"));
  try {
    const scriptFile = path.join(folder, "load.lua");
    writeFileSync(scriptFile, script(load.paths));
    const args = [
      `-t${load.threads}`,
      `-c${load.connections}`,
      `-d${load.seconds}s`,
      "--timeout",
      "10s",
      "-s",
      scriptFile,
      ...Object.entries(load.headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]),
      `http://127.0.0.1:${port}${load.paths[0]}`,
    ];
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(WRK, args, { stdio: ["ignore", "ignore", "pipe"] });
      let output = "";
      child.stderr.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.on("error", reject);
      child.on("exit", (code) =>
        code === 0 ? resolve(output) : reject(new Error(`wrk exited ${code}: ${output}`)),
      );
    });
    const line = stderr.split("\n").find((text) => text.startsWith("{"));
    if (!line) throw new Error(`wrk printed no results: ${stderr}`);
    const summary = JSON.parse(line) as WrkSummary;
    return {
      requests: summary.requests,
      seconds: summary.durationUs / 1e6,
      bytes: summary.bytes,
      p50Ms: summary.p50Us / 1e3,
      p95Ms: summary.p95Us / 1e3,
      p99Ms: summary.p99Us / 1e3,
      maxMs: summary.maxUs / 1e3,
      failures: summary.failures,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
