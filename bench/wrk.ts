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

/** One request of a rotation: its own method, headers and body (a signed-in POST, say). */
export interface WrkRequest {
  method: "GET" | "POST" | "DELETE";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface WrkLoad {
  connections: number;
  threads: number;
  seconds: number;
  /** Request paths, sent in turn (one path: wrk's own precomputed request, the cheapest). */
  paths: string[];
  headers: Record<string, string>;
  /** Whole requests sent in turn instead of `paths` with the shared `headers`. */
  requests?: WrkRequest[];
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
  /** Every latency wrk recorded, as [microseconds, count] pairs: runs on several ports merge exactly. */
  latencyHistogramUs: Array<[number, number]>;
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

function luaTable(headers: Record<string, string>): string {
  return `{ ${Object.entries(headers)
    .map(([name, value]) => `[${luaString(name)}] = ${luaString(value)}`)
    .join(", ")} }`;
}

/** The rotation of whole requests, formatted once per thread in init; threads start at different places. */
function requestRotation(requests: WrkRequest[]): string {
  const formats = requests.map(
    (r) =>
      `    wrk.format(${luaString(r.method)}, ${luaString(r.path)}, ${luaTable(r.headers)}, ${r.body === undefined ? "nil" : luaString(r.body)})`,
  );
  return `local formatted = {}
local next_request = 0
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("first_request", threads * 7919)
end
init = function(args)
  formatted = {
${formats.join(",\n")}
  }
  next_request = (first_request or 0) % #formatted
end
request = function()
  next_request = next_request % #formatted + 1
  return formatted[next_request]
end
`;
}

function pathRotation(paths: string[]): string {
  return `local paths = { ${paths.map(luaString).join(", ")} }
local next_path = 0
request = function()
  next_path = next_path % #paths + 1
  return wrk.format(nil, paths[next_path])
end
`;
}

/**
 * The script: requests or paths in turn (when several), then on stderr one JSON line of results and
 * one of the latency histogram.
 */
function script(load: WrkLoad): string {
  const rotation = load.requests
    ? requestRotation(load.requests)
    : load.paths.length > 1
      ? pathRotation(load.paths)
      : "";
  return `${rotation}
done = function(summary, latency, requests)
  local e = summary.errors
  io.stderr:write(string.format(
    '{"requests":%d,"durationUs":%d,"bytes":%d,"failures":%d,"p50Us":%d,"p95Us":%d,"p99Us":%d,"maxUs":%d}\\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
  local buckets = {}
  for i = 1, #latency do
    local value, count = latency(i)
    buckets[#buckets + 1] = string.format("[%d,%d]", value, count)
  end
  io.stderr:write("[", table.concat(buckets, ","), "]\\n")
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
    writeFileSync(scriptFile, script(load));
    const args = [
      `-t${load.threads}`,
      `-c${load.connections}`,
      `-d${load.seconds}s`,
      "--timeout",
      "10s",
      "-s",
      scriptFile,
      ...Object.entries(load.headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]),
      `http://127.0.0.1:${port}${load.requests?.[0]?.path ?? load.paths[0]}`,
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
    const lines = stderr.split("\n");
    const line = lines.find((text) => text.startsWith("{"));
    const histogram = lines.find((text) => text.startsWith("["));
    if (!line || !histogram) throw new Error(`wrk printed no results: ${stderr}`);
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
      latencyHistogramUs: JSON.parse(histogram) as Array<[number, number]>,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Nearest-rank percentile (p in 0..100) of a merged latency histogram, in milliseconds; NaN when empty. */
export function histogramPercentileMs(histogramUs: Array<[number, number]>, p: number): number {
  const sorted = [...histogramUs].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return Number.NaN;
  const rank = Math.min(total, Math.max(1, Math.ceil((p / 100) * total)));
  let seen = 0;
  for (const [valueUs, count] of sorted) {
    seen += count;
    if (seen >= rank) return valueUs / 1e3;
  }
  return sorted.at(-1)![0] / 1e3;
}
