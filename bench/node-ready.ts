/**
 * How long a new web node on PostgreSQL takes to serve search by meaning (ADR 0015): the real server,
 * built and run as `npm start` runs it (`node dist/src/server.js`), started with an empty data folder
 * on a database that holds the shared graph, timed from spawn until `/api/search?mode=semantic`
 * answers by meaning. Usage:
 *   node --import tsx bench/node-ready.ts POSTGRES_URL [SEED_FOLDER] [STARTS]
 * SEED_FOLDER: a data folder holding a saved graph (ADR 0013) that a first node loads and shares
 * when the database has none yet. Appends a run to bench/results/node-ready.json (earlier runs stay).
 *
 * Each start records where the time went: spawn until the server listens (loading the code, opening
 * the store), then the phases the server's "vector index ready" log line reports (download, checksum,
 * store check, load, newer vectors), the node's CPU and that of its PostgreSQL backends.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import type { IndexStart } from "../src/search/live-index.js";
import { describeMachine, loadAverage, type MachineInfo } from "./machine.js";
import { REPO_ROOT, RESULTS_DIR } from "./paths.js";

const PORT = 18_931;
const QUERY = "/api/search?q=graph+neural+networks+for+molecules&mode=semantic&limit=5";
const RESULTS_FILE = path.join(RESULTS_DIR, "node-ready.json");
/** What `npm start` runs once `npm run build` has compiled the sources. */
const SERVER_ENTRY = path.join(REPO_ROOT, "dist", "src", "server.js");
/** The node's connections carry this name, so its PostgreSQL backends' CPU can be counted. */
const APPLICATION_NAME = "paperpulse-node-ready-bench";
/** How long to wait for the index's start line once the node answers (it may still catch up). */
const START_LINE_WAIT_MS = 120_000;

interface NodeStart {
  dataFolder: "empty" | "seed";
  readySeconds: number;
  /** CPU time of the server process until ready. */
  cpuSeconds: number;
  /** CPU time of the server's PostgreSQL backends until ready (sampled every poll: a lower bound). */
  databaseCpuSeconds: number;
  /** The node built its index from the stored vectors instead of loading a graph (from its start line; null: no line came). */
  rebuilt: boolean | null;
  /** Where the index's vectors came from, as the server reports it. */
  indexFrom: IndexStart["from"] | null;
  /** Seconds from spawn until the server listens: code loaded, store opened, app built. */
  listeningSeconds: number | null;
  /** The server's own split of the index's start (IndexStart.seconds). */
  indexSeconds: IndexStart["seconds"] | null;
  downloadedMB: number;
  peakRssMB: number;
  loadAverage: string;
}

interface Run {
  /** The command that ran each node (earlier runs, without it, ran `tsx src/server.ts`). */
  server?: string;
  machine: MachineInfo;
  measuredAt: string;
  loadAverage: string;
  sharedGraphSeq: number | null;
  starts: NodeStart[];
}

function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMBOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/);
  return line ? Number(line[1]) / 1024 : 0;
}

async function semanticAnswer(): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${PORT}${QUERY}`);
    if (!response.ok) return false;
    return ((await response.json()) as { mode?: string }).mode === "semantic";
  } catch {
    return false;
  }
}

/** The server's JSON log lines (pino), as they arrive. */
class ServerLog {
  private text = "";
  readonly lines: Record<string, unknown>[] = [];

  add(chunk: Buffer): void {
    this.text += chunk.toString("utf8");
    const complete = this.text.lastIndexOf("\n");
    if (complete < 0) return;
    for (const line of this.text.slice(0, complete).split("\n")) {
      try {
        this.lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // Not a log line (a stray print): not one the benchmark reads.
      }
    }
    this.text = this.text.slice(complete + 1);
  }

  find(test: (line: Record<string, unknown>) => boolean): Record<string, unknown> | undefined {
    return this.lines.find(test);
  }

  tail(): string {
    return this.lines
      .slice(-20)
      .map((line) => JSON.stringify(line))
      .join("\n");
  }
}

/** CPU seconds of each PostgreSQL backend serving the node, kept at their highest (a backend may close). */
class BackendCpu {
  private readonly seconds = new Map<number, number>();
  private readonly client: pg.Client;

  constructor(url: string) {
    this.client = new pg.Client({ connectionString: url });
  }

  async open(): Promise<void> {
    await this.client.connect();
  }

  async sample(): Promise<void> {
    const rows = await this.client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE application_name = $1",
      [APPLICATION_NAME],
    );
    for (const { pid } of rows.rows) {
      try {
        this.seconds.set(pid, Math.max(this.seconds.get(pid) ?? 0, cpuSecondsOf(pid)));
      } catch {
        // The backend closed between the query and the read: its last sample stands.
      }
    }
  }

  total(): number {
    return [...this.seconds.values()].reduce((sum, seconds) => sum + seconds, 0);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

async function startNode(url: string, dataDir: string, label: NodeStart["dataFolder"]): Promise<NodeStart> {
  const backends = new BackendCpu(url);
  await backends.open();
  const spawnedAt = Date.now();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PAPERPULSE_DATABASE_URL: url,
      PAPERPULSE_DATA: dataDir,
      PAPERPULSE_DEMO: "false",
      PAPERPULSE_LOG_LEVEL: "info",
      PGAPPNAME: APPLICATION_NAME,
      PORT: String(PORT),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const log = new ServerLog();
  child.stdout!.on("data", (chunk: Buffer) => log.add(chunk));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log.tail()}`);
      await backends.sample();
      if (await semanticAnswer()) break;
      await sleep(200);
    }
    const readySeconds = (performance.now() - started) / 1000;
    const cpuSeconds = cpuSecondsOf(child.pid!);
    await backends.sample();
    const databaseCpuSeconds = backends.total();
    const peakRssMB = rssMBOf(child.pid!);
    const startLine = (line: Record<string, unknown>) => typeof line.vectorIndex === "object";
    const waitUntil = performance.now() + START_LINE_WAIT_MS;
    while (!log.find(startLine) && performance.now() < waitUntil) await sleep(100);
    const indexStart = (log.find(startLine)?.vectorIndex as IndexStart | undefined) ?? null;
    const listening = log.find((line) => String(line.msg).startsWith("PaperPulse is ready at"));
    const result: NodeStart = {
      dataFolder: label,
      readySeconds,
      cpuSeconds,
      databaseCpuSeconds,
      rebuilt: indexStart === null ? null : indexStart.from === "vectors",
      indexFrom: indexStart?.from ?? null,
      listeningSeconds: typeof listening?.time === "number" ? (listening.time - spawnedAt) / 1000 : null,
      indexSeconds: indexStart?.seconds ?? null,
      downloadedMB: (indexStart?.downloadedBytes ?? 0) / 1e6,
      peakRssMB,
      loadAverage: loadAverage(),
    };
    const phases = Object.entries(result.indexSeconds ?? {})
      .map(([phase, seconds]) => `${phase} ${seconds.toFixed(1)}`)
      .join(", ");
    console.log(
      `  node with ${label} data folder: ready by meaning in ${readySeconds.toFixed(1)} s ` +
        `(CPU ${cpuSeconds.toFixed(1)} s, PostgreSQL CPU ${databaseCpuSeconds.toFixed(1)} s, ` +
        `peak RSS ${peakRssMB.toFixed(0)} MB, load ${result.loadAverage}); listening at ` +
        `${result.listeningSeconds?.toFixed(1)} s; index from ${result.indexFrom}: ${phases}`,
    );
    return result;
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    await backends.close();
  }
}

async function sharedGraphSeq(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ last_seq: string }>(
      "SELECT last_seq FROM vector_graphs ORDER BY saved_at DESC LIMIT 1",
    );
    return rows.rows[0] ? Number(rows.rows[0].last_seq) : null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/** Earlier runs, kept: the file once held a single run, which becomes the first. */
function earlierRuns(): Run[] {
  if (!existsSync(RESULTS_FILE)) return [];
  const saved = JSON.parse(readFileSync(RESULTS_FILE, "utf8")) as { runs?: Run[] } & Partial<Run>;
  if (saved.runs) return saved.runs;
  return saved.starts ? [saved as Run] : [];
}

const [url, seedFolder, startsArg] = process.argv.slice(2);
if (!url) {
  process.stderr.write("usage: node-ready.ts POSTGRES_URL [SEED_FOLDER] [STARTS]\n");
  process.exit(1);
}
console.log("building the server (npm run build)…");
if (spawnSync("npm", ["run", "build", "--silent"], { cwd: REPO_ROOT, stdio: "inherit" }).status !== 0) {
  process.stderr.write("the build failed\n");
  process.exit(1);
}
const starts: NodeStart[] = [];
if (seedFolder && (await sharedGraphSeq(url)) === null) starts.push(await startNode(url, seedFolder, "seed"));
for (let i = 0; i < Number(startsArg ?? 3); i++) {
  const empty = mkdtempSync(path.join(os.tmpdir(), "paperpulse-node-"));
  try {
    starts.push(await startNode(url, empty, "empty"));
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
}
const run: Run = {
  server: `node ${path.relative(REPO_ROOT, SERVER_ENTRY)}`,
  machine: describeMachine(),
  measuredAt: new Date().toISOString(),
  loadAverage: loadAverage(),
  sharedGraphSeq: await sharedGraphSeq(url),
  starts,
};
writeFileSync(RESULTS_FILE, `${JSON.stringify({ runs: [...earlierRuns(), run] }, null, 2)}\n`);
