import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import { buildApp } from "../src/web/app.js";
import { BENCH_DB, OUTPUT_DIR, REPO_ROOT } from "./paths.js";
import { type HttpResults, type HttpTarget, partHeader } from "./results.js";
import { ensureWrk, runWrk, type WrkResult } from "./wrk.js";

const CONNECTIONS = 10;
/** One load thread: the server gets the other core. */
const LOAD_THREADS = 1;
const WARMUP_SECONDS = 2;
const DURATION_SECONDS = 10;
const ROTATED_PAPERS = 1_000;
const DEFAULT_CACHE_TTL_MS = 5_000;
const SERVER_SCRIPT = path.join(REPO_ROOT, "bench", "http-server.ts");

type ServerSpec = { mode: "bare"; pageFile?: string } | { mode: "app"; cacheTtlMs: number };

interface TargetSpec {
  label: string;
  server: ServerSpec;
  /** Request paths, sent in turn. */
  paths: string[];
  /** Request headers, e.g. the Accept-Encoding every browser sends. */
  headers?: Record<string, string>;
}

interface RunningServer {
  port: number;
  /** Stops the server; resolves to its peak RSS in MB (10^6 bytes). */
  stop(): Promise<number>;
}

function serverArgs(spec: ServerSpec): string[] {
  if (spec.mode === "app") return ["app", BENCH_DB, String(spec.cacheTtlMs)];
  return spec.pageFile ? ["bare", spec.pageFile] : ["bare"];
}

/** Starts a server child and waits for its first stdout line, {"port": N}. */
async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ["--import", "tsx", SERVER_SCRIPT, ...serverArgs(spec)],
    { cwd: REPO_ROOT, stdio: "pipe" },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextMessage = async (): Promise<Record<string, number>> => {
    const line = await lines.next();
    if (line.done) throw new Error(`bench server exited early:\n${stderr.slice(-2_000)}`);
    return JSON.parse(line.value) as Record<string, number>;
  };
  const { port } = await nextMessage();
  if (port === undefined) throw new Error("bench server did not report its port");
  return {
    port,
    async stop() {
      child.kill("SIGTERM");
      const { maxRssKiB } = await nextMessage();
      return ((maxRssKiB ?? 0) * 1024) / 1e6;
    },
  };
}

async function warmThenMeasure(port: number, target: TargetSpec): Promise<WrkResult> {
  const load = {
    connections: CONNECTIONS,
    threads: LOAD_THREADS,
    paths: target.paths,
    headers: target.headers ?? {},
  };
  await runWrk(port, { ...load, seconds: WARMUP_SECONDS });
  return runWrk(port, { ...load, seconds: DURATION_SECONDS });
}

async function measureTarget(target: TargetSpec): Promise<HttpTarget> {
  const server = await startServer(target.server);
  let load: WrkResult;
  try {
    load = await warmThenMeasure(server.port, target);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const serverRssMB = await server.stop();
  const measured: HttpTarget = {
    label: target.label,
    path: target.paths.length === 1 ? target.paths[0]! : `${target.paths.length} paths in turn`,
    requests: load.requests,
    seconds: load.seconds,
    requestsPerSecond: load.requests / load.seconds,
    p50Ms: load.p50Ms,
    p95Ms: load.p95Ms,
    p99Ms: load.p99Ms,
    failures: load.failures,
    bytesPerResponse: load.bytes / Math.max(1, load.requests),
    serverRssMB,
  };
  console.log(
    `  ${target.label}: ${Math.round(measured.requestsPerSecond)} req/s, ` +
      `p50 ${measured.p50Ms.toFixed(2)} ms, p95 ${measured.p95Ms.toFixed(2)} ms, failures ${measured.failures}`,
  );
  return measured;
}

/** Paper ids spread evenly over the corpus in id order, read before any server starts. */
async function samplePapers(): Promise<{ corpusPapers: number; ids: string[] }> {
  const store = openSqliteStore(BENCH_DB);
  try {
    const corpusPapers = await store.countPapers();
    if (corpusPapers === 0) throw new Error(`${BENCH_DB} is empty: run \`npm run bench -- import\` first`);
    const step = Math.max(1, Math.floor(corpusPapers / ROTATED_PAPERS));
    const ids: string[] = [];
    let seen = 0;
    let cursor: string | null = null;
    while (ids.length < ROTATED_PAPERS) {
      const page = await store.papersAfter(cursor, 2_000);
      if (page.length === 0) break;
      for (const paper of page) if (seen++ % step === 0) ids.push(paper.id);
      cursor = page.at(-1)!.id;
    }
    return { corpusPapers, ids: ids.slice(0, ROTATED_PAPERS) };
  } finally {
    await store.close();
  }
}

/**
 * The home page's exact bytes, for a bare route to send: what those bytes cost the load generator and
 * the HTTP stack, apart from the application's own work.
 */
async function homePageFile(): Promise<string> {
  const store = openSqliteStore(BENCH_DB);
  try {
    const app = await buildApp({ store, pageCacheTtlMs: 0 });
    const response = await app.inject("/");
    await app.close();
    if (response.statusCode !== 200) throw new Error(`the home page answered ${response.statusCode}`);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const file = `${OUTPUT_DIR}/home-page.html`;
    writeFileSync(file, response.rawPayload);
    return file;
  } finally {
    await store.close();
  }
}

function paperPath(id: string): string {
  // Old-style ids keep their slash: the route is a wildcard (see src/web/pages/routes.ts).
  return `/papers/${id.split("/").map(encodeURIComponent).join("/")}`;
}

/** Benchmark 3: pages of the real app on the merged corpus beside a bare Fastify route, one server at a time. */
export async function runHttpBenchmark(): Promise<HttpResults> {
  const header = partHeader();
  const loadGenerator = ensureWrk();
  const { corpusPapers, ids } = await samplePapers();
  const onePaper = paperPath(ids[0]!);
  const homePage = await homePageFile();
  const cached: ServerSpec = { mode: "app", cacheTtlMs: DEFAULT_CACHE_TTL_MS };
  const uncached: ServerSpec = { mode: "app", cacheTtlMs: 0 };
  const targets: TargetSpec[] = [
    { label: "bare Fastify route, fixed 5 KB page", server: { mode: "bare" }, paths: ["/"] },
    { label: "home page, default 5 s page cache", server: cached, paths: ["/"] },
    {
      label: "home page, default 5 s page cache, browser-like client (Accept-Encoding: gzip)",
      server: cached,
      paths: ["/"],
      headers: { "accept-encoding": "gzip, deflate, br" },
    },
    { label: "home page, page cache off", server: uncached, paths: ["/"] },
    // Labelled so that it counts neither as a bare run nor as a home page target.
    {
      label: "the home page's bytes from a bare Fastify route",
      server: { mode: "bare", pageFile: homePage },
      paths: ["/"],
    },
    { label: "one paper page, default 5 s page cache", server: cached, paths: [onePaper] },
    {
      label: `${ids.length} paper pages in turn, page cache off`,
      server: uncached,
      paths: ids.map(paperPath),
    },
    // Again at the end: other work on the machine drifts, and the ratios use both bare runs.
    { label: "bare Fastify route, again at the end", server: { mode: "bare" }, paths: ["/"] },
  ];
  const measured: HttpTarget[] = [];
  for (const target of targets) measured.push(await measureTarget(target));
  return {
    ...header,
    corpusPapers,
    loadGenerator: `${loadGenerator}, ${LOAD_THREADS} thread`,
    connections: CONNECTIONS,
    warmupSeconds: WARMUP_SECONDS,
    durationSeconds: DURATION_SECONDS,
    targets: measured,
  };
}
