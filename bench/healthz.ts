/**
 * The health probe on a large SQLite corpus, opened read-only (nothing is written to it):
 * `node --import tsx bench/healthz.ts DATABASE_FILE`. Interleaves rounds of probes answered as before
 * (every probe counts the papers) and as now (`/healthz` through the worker's health app: the latest
 * day on every probe, the count cached), and prints wall time per probe and CPU time (user + system, the whole process) per probe over each batch, with
 * the once-a-minute recount apart. Run by hand; docs/BENCHMARKS.md quotes it.
 */
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { sqlitePaperStore } from "../src/store/sqlite/sqlite-store.js";
import { buildHealthApp } from "../src/web/health-app.js";
import { PaperService } from "../src/web/services/paper-service.js";
import { percentile } from "./stats.js";

const ROUNDS = 10;
const PROBES_PER_ROUND = 50;

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

interface Measured {
  walls: number[];
  cpuMs: number;
}

/** A batch of probes: wall time per probe, CPU time over the batch (too fine to read per probe). */
async function batch(probe: () => Promise<unknown>, into: Measured): Promise<void> {
  const cpuStart = cpuMs();
  for (let count = 0; count < PROBES_PER_ROUND; count++) {
    const start = performance.now();
    await probe();
    into.walls.push(performance.now() - start);
  }
  into.cpuMs += cpuMs() - cpuStart;
}

function line(label: string, { walls, cpuMs }: Measured): string {
  const median = percentile(walls, 50).toFixed(3);
  const p95 = percentile(walls, 95).toFixed(3);
  const cpuPerProbe = (cpuMs / walls.length).toFixed(3);
  return `${label}: ${walls.length} probes, wall median ${median} ms, p95 ${p95} ms, CPU ${cpuPerProbe} ms per probe`;
}

async function main(file: string): Promise<void> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const store = sqlitePaperStore(db);
  const papers = new PaperService(store);
  const app = await buildHealthApp({ store });
  const probeNow = async () => {
    const response = await app.inject("/healthz");
    if (response.statusCode !== 200) throw new Error(`/healthz answered ${response.statusCode}`);
  };
  const probeBefore = async () => ({ status: "ok", papers: await papers.countPapers() });

  const first = await app.inject("/healthz");
  console.log(`first probe (counts): ${first.body}`);
  const before: Measured = { walls: [], cpuMs: 0 };
  const now: Measured = { walls: [], cpuMs: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    await batch(probeBefore, before);
    await batch(probeNow, now);
  }
  console.log(line("before: count on every probe (store call)", before));
  console.log(line("now: GET /healthz through the health app (count cached)", now));
  await app.close();
  await store.close();
}

const file = process.argv[2];
if (!file) {
  console.error("usage: node --import tsx bench/healthz.ts DATABASE_FILE");
  process.exit(2);
}
await main(file);
