/**
 * The load benchmark at 1M papers (issue 8): the real server (`src/server.ts`) on each tier, with one
 * web node and with two on the same database, under home page, paper page, hybrid search and vote
 * requests from signed-in users (session cookie and CSRF header, as a browser sends them).
 * With two nodes the load generator splits its connections between the two ports. Usage:
 *   node --import tsx bench/load.ts postgres URL            the PostgreSQL tier on that database
 *   node --import tsx bench/load.ts sqlite DATA_FOLDER      the embedded tier on that data folder
 * Appends to bench/results/load.json (one entry per tier and node count).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { deriveSecret, hashSecret, newId, newSecret } from "../src/community/secrets.js";
import { loadConfig } from "../src/config.js";
import { openConfiguredStores } from "../src/store/open-store.js";
import { describeMachine, loadAverage } from "./machine.js";
import { REPO_ROOT, RESULTS_DIR } from "./paths.js";
import { percentile } from "./stats.js";

const CONNECTIONS = 10;
const WARMUP_SECONDS = 3;
const SECONDS = 15;
const USERS = 50;
const FIRST_PORT = 18_941;
const QUERIES = [
  "graph neural networks",
  "diffusion models for image generation",
  "reinforcement learning from human feedback",
  "quantum error correction",
  "protein structure prediction",
  "large language model reasoning",
  "dark matter halos",
  "speech recognition transformers",
];

interface EndpointResult {
  endpoint: string;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

interface LoadRun {
  tier: "postgres" | "sqlite";
  nodes: number;
  papers: number;
  endpoints: EndpointResult[];
  serverPeakRssMB: number[];
  loadAverageBefore: string;
  loadAverageAfter: string;
}

interface SignedInUser {
  cookie: string;
  csrf: string;
}

const [tier, target] = process.argv.slice(2);
if ((tier !== "postgres" && tier !== "sqlite") || !target) {
  process.stderr.write("usage: load.ts postgres URL | sqlite DATA_FOLDER\n");
  process.exit(1);
}
const tierEnv: Record<string, string> =
  tier === "postgres"
    ? {
        PAPERPULSE_DATABASE_URL: target,
        PAPERPULSE_DATA: path.join(REPO_ROOT, "bench", "output", "load-node"),
      }
    : { PAPERPULSE_DATABASE_URL: "", PAPERPULSE_DATA: target };

/** Users with a session each, written through the stores as a sign-in would; some paper ids to visit. */
async function prepare(): Promise<{ users: SignedInUser[]; paperIds: string[]; papers: number }> {
  Object.assign(process.env, tierEnv);
  const { papers, community } = await openConfiguredStores(loadConfig());
  try {
    const users: SignedInUser[] = [];
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    for (let i = 0; i < USERS; i++) {
      const user = await community.accounts.ensureUser({
        id: newId(),
        email: `load-${i}@bench.invalid`,
        role: "user",
        createdAt: new Date().toISOString(),
      });
      const token = newSecret();
      await community.accounts.createSession({
        tokenHash: hashSecret(token),
        userId: user.id,
        createdAt: new Date().toISOString(),
        expiresAt,
      });
      users.push({ cookie: `pp_session=${token}`, csrf: deriveSecret(token, "csrf") });
    }
    const latest = (await papers.latestDay()) ?? "2026-01-01";
    const page = await papers.listPapers({
      from: "2000-01-01",
      to: latest,
      sort: "date",
      limit: 500,
      offset: 0,
    });
    return { users, paperIds: page.papers.map((paper) => paper.id), papers: await papers.countPapers() };
  } finally {
    await papers.close();
  }
}

interface Node {
  port: number;
  child: ChildProcess;
}

function rssMBOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/);
  return line ? Number(line[1]) / 1024 : 0;
}

async function startNode(port: number): Promise<Node> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...tierEnv,
      PAPERPULSE_DEMO: "false",
      PAPERPULSE_LOG_LEVEL: "warn",
      PAPERPULSE_VOTE_LIMIT_PER_MINUTE: "100000",
      PORT: String(port),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // Ready when search by meaning answers: the vector graph is loaded.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node on port ${port} exited (${child.exitCode})`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/search?q=graph&mode=semantic&limit=1`);
      if (response.ok && ((await response.json()) as { mode?: string }).mode === "semantic") break;
    } catch {}
    await sleep(500);
  }
  return { port, child };
}

async function stopNode(node: Node): Promise<number> {
  const rss = rssMBOf(node.child.pid!);
  node.child.kill("SIGTERM");
  await new Promise((resolve) => node.child.once("exit", resolve));
  return rss;
}

interface Request {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
}

function loadOn(port: number, connections: number, seconds: number, next: () => Request) {
  const latenciesMs: number[] = [];
  return new Promise<{ latenciesMs: number[]; errors: number; non2xx: number }>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections,
        duration: seconds,
        timeout: 60,
        requests: [{ setupRequest: (request) => ({ ...request, ...next() }) }],
      },
      (error, result) =>
        error
          ? reject(error)
          : resolve({ latenciesMs, errors: result.errors + result.timeouts, non2xx: result.non2xx }),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode >= 200 && statusCode < 300) latenciesMs.push(responseTimeMs);
    });
  });
}

/** The connections split over the nodes' ports, one generator per port, all at once. */
async function measure(nodes: Node[], endpoint: string, next: () => Request): Promise<EndpointResult> {
  const share = Math.max(1, Math.floor(CONNECTIONS / nodes.length));
  await Promise.all(nodes.map((node) => loadOn(node.port, share, WARMUP_SECONDS, next)));
  const runs = await Promise.all(nodes.map((node) => loadOn(node.port, share, SECONDS, next)));
  const latencies = runs.flatMap((run) => run.latenciesMs);
  const result: EndpointResult = {
    endpoint,
    requests: latencies.length,
    requestsPerSecond: latencies.length / SECONDS,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
  };
  console.log(
    `  ${tier}, ${nodes.length} node(s), ${endpoint}: ${result.requestsPerSecond.toFixed(0)} req/s, ` +
      `p50 ${result.p50Ms.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, ` +
      `errors ${result.errors}, non-2xx ${result.non2xx}`,
  );
  return result;
}

function cycling<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

const { users, paperIds, papers } = await prepare();
const runs: LoadRun[] = [];
for (const nodeCount of [1, 2]) {
  const loadAverageBefore = loadAverage();
  const nodes: Node[] = [];
  for (let i = 0; i < nodeCount; i++) nodes.push(await startNode(FIRST_PORT + i));
  const endpoints: EndpointResult[] = [];
  try {
    const paperPath = cycling(paperIds.map((id) => `/papers/${id}`));
    const query = cycling(QUERIES);
    const user = cycling(users);
    endpoints.push(await measure(nodes, "home page", () => ({ method: "GET", path: "/" })));
    endpoints.push(await measure(nodes, "paper page", () => ({ method: "GET", path: paperPath() })));
    // Each node counts a query word's papers once, then caches it (ten minutes): primed, as a node in use is.
    for (const node of nodes)
      for (const words of QUERIES)
        await fetch(`http://127.0.0.1:${node.port}/search?q=${encodeURIComponent(words)}&mode=hybrid`);
    endpoints.push(
      await measure(nodes, "hybrid search", () => ({
        method: "GET",
        path: `/search?q=${encodeURIComponent(query())}&mode=hybrid`,
      })),
    );
    endpoints.push(
      await measure(nodes, "vote (signed in)", () => {
        const { cookie, csrf } = user();
        return {
          method: "POST",
          path: `/api/papers/${paperPath().slice("/papers/".length)}/vote`,
          headers: { cookie, "x-csrf-token": csrf },
        };
      }),
    );
  } finally {
    const rss: number[] = [];
    for (const node of nodes) rss.push(await stopNode(node));
    runs.push({
      tier,
      nodes: nodeCount,
      papers,
      endpoints,
      serverPeakRssMB: rss,
      loadAverageBefore,
      loadAverageAfter: loadAverage(),
    });
  }
}

const resultsFile = path.join(RESULTS_DIR, "load.json");
const previous = existsSync(resultsFile)
  ? (JSON.parse(readFileSync(resultsFile, "utf8")) as { runs: LoadRun[] }).runs.filter(
      (run) => run.tier !== tier,
    )
  : [];
writeFileSync(
  resultsFile,
  `${JSON.stringify({ machine: describeMachine(), measuredAt: new Date().toISOString(), runs: [...previous, ...runs] }, null, 2)}\n`,
);
