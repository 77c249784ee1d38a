/**
 * The load benchmark at 1M papers (issue 8): the real server (`src/server.ts`) on each tier, with one
 * web node and with two on the same database, under home page, paper page, hybrid search and vote
 * requests from 50 signed-in users (session cookie and CSRF header, as a browser sends them). The load
 * comes from wrk (bench/wrk.ts), one single-threaded wrk per node, the connections split between them;
 * their latency histograms merge into one set of percentiles. Usage:
 *   node --import tsx bench/load.ts postgres URL sqlite DATA_FOLDER    both tiers, runs interleaved
 *   node --import tsx bench/load.ts postgres URL                       one tier (or: sqlite DATA_FOLDER)
 * Rewrites bench/results/load.json, keeping the runs of a tier not measured this time.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deriveSecret, hashSecret, newId, newSecret } from "../src/community/secrets.js";
import { loadConfig } from "../src/config.js";
import { openConfiguredStores } from "../src/store/open-store.js";
import { describeMachine, loadAverage } from "./machine.js";
import { REPO_ROOT, RESULTS_DIR } from "./paths.js";
import { PAGE_QUERIES } from "./search-queries.js";
import { cpuSecondsOf, type ServerNode, startServerNode, stopServerNode } from "./server-node.js";
import { ensureWrk, histogramPercentileMs, runWrk, type WrkRequest } from "./wrk.js";

const CONNECTIONS = 10;
const WARMUP_SECONDS = 3;
const SECONDS = 15;
const USERS = 50;
const PAPERS_VISITED = 500;
const FIRST_PORT = 18_941;

type Tier = "postgres" | "sqlite";

interface EndpointResult {
  endpoint: string;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Answers outside 2xx/3xx, and socket errors and timeouts (10 s). */
  failures: number;
  /** CPU time (user + system) of the web node processes per request; the database's own is not in it. */
  serverCpuMsPerRequest: number;
}

interface LoadRun {
  tier: Tier;
  nodes: number;
  papers: number;
  endpoints: EndpointResult[];
  serverPeakRssMB: number[];
  loadAverageBefore: string;
  loadAverageAfter: string;
}

interface TierSetup {
  tier: Tier;
  env: Record<string, string>;
  papers: number;
  paperIds: string[];
  users: SignedInUser[];
}

interface SignedInUser {
  cookie: string;
  csrf: string;
}

function usage(): never {
  process.stderr.write("usage: load.ts postgres URL [sqlite DATA_FOLDER] (either tier, or both once)\n");
  process.exit(1);
}

function parseTiers(args: string[]): Array<{ tier: Tier; env: Record<string, string> }> {
  const tiers: Array<{ tier: Tier; env: Record<string, string> }> = [];
  for (let i = 0; i < args.length; i += 2) {
    const [tier, target] = [args[i], args[i + 1]];
    if ((tier !== "postgres" && tier !== "sqlite") || !target || tiers.some((t) => t.tier === tier)) usage();
    tiers.push({
      tier,
      env:
        tier === "postgres"
          ? {
              PAPERPULSE_DATABASE_URL: target,
              PAPERPULSE_DATA: path.join(REPO_ROOT, "bench", "output", "load-node"),
            }
          : { PAPERPULSE_DATABASE_URL: "", PAPERPULSE_DATA: target },
    });
  }
  if (tiers.length === 0) usage();
  return tiers;
}

/** Users with a session each, written through the stores as a sign-in would; some paper ids to visit. */
async function prepare(tier: Tier, env: Record<string, string>): Promise<TierSetup> {
  Object.assign(process.env, env);
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
      limit: PAPERS_VISITED,
      offset: 0,
    });
    const paperIds = page.papers.map((paper) => paper.id);
    return { tier, env, users, paperIds, papers: await papers.countPapers() };
  } finally {
    await papers.close();
  }
}

function startNode(setup: TierSetup, port: number): Promise<ServerNode> {
  return startServerNode(port, {
    ...setup.env,
    PAPERPULSE_DEMO: "false",
    PAPERPULSE_LOG_LEVEL: "warn",
    PAPERPULSE_VOTE_LIMIT_PER_MINUTE: "100000",
    PAPERPULSE_TRUST_PROXY: "loopback",
  });
}

/** Old-style ids keep their slash: the routes are wildcards (see src/web/pages/routes.ts). */
function encodedId(id: string): string {
  return id.split("/").map(encodeURIComponent).join("/");
}

function get(pathAndQuery: string): WrkRequest {
  return { method: "GET", path: pathAndQuery, headers: {} };
}

/** The requests in turn, each sent by the next user in turn with the user's session cookie. */
function signedIn(setup: TierSetup, requests: WrkRequest[]): WrkRequest[] {
  const count = Math.max(setup.users.length, requests.length);
  return Array.from({ length: count }, (_, i) => {
    const request = requests[i % requests.length]!;
    return {
      ...request,
      headers: { ...request.headers, cookie: setup.users[i % setup.users.length]!.cookie },
    };
  });
}

/**
 * Each user upvotes papers in turn: as many distinct requests as there are papers (or users), each from
 * an address of its own behind the trusted local proxy, as many visitors' votes come. From one address,
 * the per-address rate limit would refuse most of them within the run.
 */
function votes(setup: TierSetup): WrkRequest[] {
  const count = Math.max(setup.users.length, setup.paperIds.length);
  return Array.from({ length: count }, (_, i) => {
    const { cookie, csrf } = setup.users[i % setup.users.length]!;
    return {
      method: "POST",
      path: `/api/papers/${encodedId(setup.paperIds[i % setup.paperIds.length]!)}/vote`,
      headers: { cookie, "x-csrf-token": csrf, "x-forwarded-for": `10.0.${i >> 8}.${i & 255}` },
    };
  });
}

/** The connections split over the nodes' ports, one wrk per port, all at once; percentiles over all requests. */
async function measure(
  tier: Tier,
  nodes: ServerNode[],
  endpoint: string,
  requests: WrkRequest[],
): Promise<EndpointResult> {
  const load = {
    connections: Math.max(1, Math.floor(CONNECTIONS / nodes.length)),
    threads: 1,
    paths: [],
    headers: {},
    requests,
  };
  await Promise.all(nodes.map((node) => runWrk(node.port, { ...load, seconds: WARMUP_SECONDS })));
  const cpuBefore = nodes.map((node) => cpuSecondsOf(node.child.pid!));
  const runs = await Promise.all(nodes.map((node) => runWrk(node.port, { ...load, seconds: SECONDS })));
  const cpuSeconds = nodes.reduce((sum, node, i) => sum + cpuSecondsOf(node.child.pid!) - cpuBefore[i]!, 0);
  const histogram = runs.flatMap((run) => run.latencyHistogramUs);
  const requestCount = runs.reduce((sum, run) => sum + run.requests, 0);
  const result: EndpointResult = {
    endpoint,
    requests: requestCount,
    requestsPerSecond: requestCount / Math.max(...runs.map((run) => run.seconds)),
    p50Ms: histogramPercentileMs(histogram, 50),
    p95Ms: histogramPercentileMs(histogram, 95),
    p99Ms: histogramPercentileMs(histogram, 99),
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
    serverCpuMsPerRequest: (cpuSeconds * 1000) / Math.max(1, requestCount),
  };
  console.log(
    `  ${tier}, ${nodes.length} node(s), ${endpoint}: ${result.requestsPerSecond.toFixed(0)} req/s, ` +
      `p50 ${result.p50Ms.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, ` +
      `failures ${result.failures}, node CPU ${result.serverCpuMsPerRequest.toFixed(2)} ms/request`,
  );
  return result;
}

async function runTier(setup: TierSetup, nodeCount: number): Promise<LoadRun> {
  const loadAverageBefore = loadAverage();
  const nodes: ServerNode[] = [];
  const endpoints: EndpointResult[] = [];
  const rss: number[] = [];
  try {
    for (let i = 0; i < nodeCount; i++) nodes.push(await startNode(setup, FIRST_PORT + i));
    const searches = PAGE_QUERIES.map((words) => get(`/search?q=${encodeURIComponent(words)}&mode=hybrid`));
    endpoints.push(await measure(setup.tier, nodes, "home page", [get("/")]));
    // Paper pages and searches signed in: a visitor's own page skips the shared micro-cache, so each
    // request renders (anonymous, a rotation the server gets through within the cache's 5 s would be
    // answered from it, and the faster tier would be measured on its cache).
    endpoints.push(
      await measure(
        setup.tier,
        nodes,
        "paper page (signed in)",
        signedIn(
          setup,
          setup.paperIds.map((id) => get(`/papers/${encodedId(id)}`)),
        ),
      ),
    );
    // A node keeps a query word's document frequency for ten minutes: primed, as a node in use is.
    for (const node of nodes)
      for (const search of searches) await fetch(`http://127.0.0.1:${node.port}${search.path}`);
    endpoints.push(await measure(setup.tier, nodes, "hybrid search (signed in)", signedIn(setup, searches)));
    endpoints.push(await measure(setup.tier, nodes, "vote (signed in)", votes(setup)));
  } finally {
    for (const node of nodes) rss.push(await stopServerNode(node));
  }
  return {
    tier: setup.tier,
    nodes: nodeCount,
    papers: setup.papers,
    endpoints,
    serverPeakRssMB: rss,
    loadAverageBefore,
    loadAverageAfter: loadAverage(),
  };
}

const tiers = parseTiers(process.argv.slice(2));
const loadGenerator = ensureWrk();
const setups: TierSetup[] = [];
for (const { tier, env } of tiers) setups.push(await prepare(tier, env));
const runs: LoadRun[] = [];
// Tiers interleaved, one node then two: drift in the machine's other work touches both tiers alike.
for (const nodeCount of [1, 2]) for (const setup of setups) runs.push(await runTier(setup, nodeCount));

const resultsFile = path.join(RESULTS_DIR, "load.json");
const measured = new Set(setups.map((setup) => setup.tier));
const kept = existsSync(resultsFile)
  ? (JSON.parse(readFileSync(resultsFile, "utf8")) as { runs: LoadRun[] }).runs.filter(
      (run) => !measured.has(run.tier),
    )
  : [];
writeFileSync(
  resultsFile,
  `${JSON.stringify(
    {
      machine: describeMachine(),
      measuredAt: new Date().toISOString(),
      loadGenerator: `${loadGenerator}, one thread per node, ${CONNECTIONS} connections in all`,
      warmupSeconds: WARMUP_SECONDS,
      seconds: SECONDS,
      runs: [...kept, ...runs],
    },
    null,
    2,
  )}\n`,
);
