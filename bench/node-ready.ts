/**
 * How long a new web node on PostgreSQL takes to serve search by meaning (ADR 0015): the real server
 * (`src/server.ts`) started with an empty data folder on a database that holds the shared graph,
 * timed from spawn until `/api/search?mode=semantic` answers by meaning. Usage:
 *   node --import tsx bench/node-ready.ts POSTGRES_URL [SEED_FOLDER] [STARTS]
 * SEED_FOLDER: a data folder holding a saved graph (ADR 0013) that a first node loads and shares
 * when the database has none yet. Writes bench/results/node-ready.json.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { describeMachine, loadAverage } from "./machine.js";
import { REPO_ROOT, RESULTS_DIR } from "./paths.js";

const PORT = 18_931;
const QUERY = "/api/search?q=graph+neural+networks+for+molecules&mode=semantic&limit=5";

interface NodeStart {
  dataFolder: "empty" | "seed";
  readySeconds: number;
  /** CPU time of the server process until ready (PostgreSQL's own work is not in it). */
  cpuSeconds: number;
  /** The node rebuilt the graph from the vectors instead of loading one. */
  rebuilt: boolean;
  peakRssMB: number;
  loadAverage: string;
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

async function startNode(url: string, dataDir: string, label: NodeStart["dataFolder"]): Promise<NodeStart> {
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PAPERPULSE_DATABASE_URL: url,
      PAPERPULSE_DATA: dataDir,
      PAPERPULSE_DEMO: "false",
      PAPERPULSE_LOG_LEVEL: "info",
      PORT: String(PORT),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    log += chunk.toString("utf8");
  });
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`the server exited (${child.exitCode}):\n${log.slice(-2_000)}`);
      if (await semanticAnswer()) break;
      await sleep(200);
    }
    const readySeconds = (performance.now() - started) / 1000;
    const result: NodeStart = {
      dataFolder: label,
      readySeconds,
      cpuSeconds: cpuSecondsOf(child.pid!),
      rebuilt: log.includes("saved vector graph not used"),
      peakRssMB: rssMBOf(child.pid!),
      loadAverage: loadAverage(),
    };
    console.log(
      `  node with ${label} data folder: ready by meaning in ${readySeconds.toFixed(1)} s ` +
        `(CPU ${result.cpuSeconds.toFixed(1)} s, peak RSS ${result.peakRssMB.toFixed(0)} MB)`,
    );
    return result;
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
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

const [url, seedFolder, startsArg] = process.argv.slice(2);
if (!url) {
  process.stderr.write("usage: node-ready.ts POSTGRES_URL [SEED_FOLDER] [STARTS]\n");
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
writeFileSync(
  path.join(RESULTS_DIR, "node-ready.json"),
  `${JSON.stringify({ machine: describeMachine(), loadAverage: loadAverage(), measuredAt: new Date().toISOString(), sharedGraphSeq: await sharedGraphSeq(url), starts }, null, 2)}\n`,
);
