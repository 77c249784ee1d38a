import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { BENCH_DB, REPO_ROOT } from "./paths.js";
import { partHeader, type RetrievalResults } from "./results.js";
import type { RetrievalRun } from "./retrieval-child.js";
import { MILLION_DB } from "./synthetic-corpus.js";

const CHILD = path.join(REPO_ROOT, "bench", "retrieval-child.ts");

function runChild(database: string, kind: "exact" | "hnsw"): Promise<RetrievalRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, database, kind], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.once("error", reject);
    child.once("close", (code) => {
      if (code !== 0) reject(new Error(`retrieval run (${kind}) on ${database} failed with exit ${code}`));
      else resolve(JSON.parse(stdout.trim().split("\n").at(-1)!) as RetrievalRun);
    });
  });
}

function logged(corpus: string, run: RetrievalRun): RetrievalRun & { corpus: string } {
  const line = run.modes.map((m) => `${m.mode} p95 ${m.p95Ms.toFixed(1)} ms`).join(", ");
  console.log(
    `  ${corpus}, ${run.kind} from ${run.indexFrom}: ready in ${run.buildSeconds.toFixed(1)} s, peak RSS ${run.peakRssMB.toFixed(0)} MB; ${line}`,
  );
  return { corpus, ...run };
}

/** A working copy, so embedding vectors never changes the database the other parts measure. */
function workingCopy(source: string, name: string): string {
  const target = path.join(path.dirname(source), "..", `retrieval-${name}`, "paperpulse.db");
  if (!existsSync(target)) {
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(source, target);
  }
  return target;
}

/**
 * Benchmark 4: dense and hybrid search at 196k real papers and (when `npm run bench -- corpus-1m` has
 * built it) at 1M; each index kind measured in its own process.
 */
export async function runRetrievalBenchmark(): Promise<RetrievalResults> {
  const header = partHeader();
  if (!existsSync(BENCH_DB)) throw new Error(`${BENCH_DB} is missing: run \`npm run bench -- import\` first`);
  const corpora = [{ label: "196k real", database: workingCopy(BENCH_DB, "196k") }];
  if (existsSync(MILLION_DB)) corpora.push({ label: "1M (196k real + synthetic)", database: MILLION_DB });
  const runs: RetrievalResults["runs"] = [];
  for (const corpus of corpora) {
    for (const kind of ["hnsw", "exact"] as const) {
      const run = await runChild(corpus.database, kind);
      runs.push(logged(corpus.label, run));
      // A graph built from the store was saved: measure a restart that loads it too.
      if (kind === "hnsw" && run.indexFrom === "store")
        runs.push(logged(corpus.label, await runChild(corpus.database, kind)));
    }
  }
  return { ...header, runs };
}
