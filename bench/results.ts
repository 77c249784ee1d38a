import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describeMachine, loadAverage, type MachineInfo } from "./machine.js";
import { RESULTS_DIR } from "./paths.js";
import type { RetrievalRun } from "./retrieval-child.js";

/**
 * Each part saves its results as JSON under bench/results (committed), so the report can be regenerated
 * from the latest run of every part even when only one part was run this time.
 */
export interface PartHeader {
  measuredAt: string;
  /** /proc/loadavg (1, 5, 15 min) when the part started. */
  loadAverage: string;
  machine: MachineInfo;
}

export interface ImportRun {
  label: string;
  files: number;
  inputMB: number;
  /** Input records (JSON lines) the run read. */
  papers: number;
  wallSeconds: number;
  /** papers / wall time of the whole child process (start-up, listings and index optimisation included). */
  papersPerSecond: number;
  /** The rate the CLI itself reports (its papers loop only); null when its output had none. */
  cliPapersPerSecond: number | null;
  peakRssMB: number;
  /** User + system CPU time of the whole process; absent in results measured before it was recorded. */
  cpuSeconds?: number;
  exitCode: number;
  /** Which round of the corpus imports (1, 2, …); absent for runs that are not repeated. */
  round?: number;
}

export const DAILY_LABEL = "arxiv-daily-2025-2026 (papers + listings)";
export const CRAWL_LABEL = "arxiv-api-crawl-arxiver (merged into the above)";

export interface ImportResults extends PartHeader {
  /** How many times the two corpus imports ran, each round into a fresh database; absent before rounds. */
  rounds?: number;
  /** Every round's corpus imports, in order. */
  corpora: ImportRun[];
  /** The same code on one small and one large file, each into an empty database. */
  memoryBySize: ImportRun[];
  /** The first corpus with --dry-run: what reading and parsing alone cost. */
  parseOnly: ImportRun;
  papersInDatabase: number;
  databaseMB: number;
}

export interface SlowQuery {
  query: string;
  ms: number;
  total: number;
  truncated: boolean;
}

export interface SearchResults extends PartHeader {
  corpusPapers: number;
  queries: number;
  limit: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  truncated: number;
  noHits: number;
  slowest: SlowQuery[];
}

export interface HttpTarget {
  label: string;
  path: string;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Non-2xx responses, connection errors and timeouts: any of these makes the row suspect. */
  failures: number;
  /** Mean size of a 2xx response as received, headers included. */
  bytesPerResponse: number;
  /** Peak RSS of the server process at the end of the run. */
  serverRssMB: number;
}

export interface HttpResults extends PartHeader {
  corpusPapers: number;
  loadGenerator: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  targets: HttpTarget[];
}

export interface RetrievalResults extends PartHeader {
  runs: (RetrievalRun & { corpus: string })[];
}

export interface OaiPmhResults extends PartHeader {
  records: number;
  pageMB: number;
  rounds: number;
  /** Medians over the rounds, wall time. */
  parseAndNormaliseMs: number;
  storeMs: number;
  recordsPerSecond: number;
  parseRecordsPerSecond: number;
  /** Median CPU time of parse + normalise + store (one thread), and the rate it allows. */
  cpuMs: number;
  recordsPerCpuSecond: number;
}

export interface EmbedResults extends PartHeader {
  modelId: string;
  dimensions: number;
  loadMs: number;
  papers: number;
  meanChars: number;
  /** CPU time (user + system) of the single-threaded embedding loop: one core's worth of work. */
  cpuSeconds: number;
  wallSeconds: number;
  papersPerCpuSecond: number;
  queries: number;
  queryP50Ms: number;
  queryP95Ms: number;
  queryMaxMs: number;
}

export interface LatencySummary {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface PostgresSearchResults extends PartHeader {
  corpusPapers: number;
  queries: number;
  limit: number;
  /** The CLI imports that loaded the corpus; empty when the database already held it. */
  load: { label: string; wallSeconds: number; peakRssMB: number }[];
  /** store.search as the product runs it (GIN, BM25 over the newest 10,000 matches, highlights). */
  product: LatencySummary;
  /** store.rankMatches, the lexical side of a hybrid search: ids and scores only. */
  productRank?: LatencySummary & { depth: number };
  /** CPU time (user + system) of the PostgreSQL server per query, search and rankMatches together; null when not local. */
  productBackendCpuMs?: number | null;
  /** Top-k keys by ts_rank over every match, through the GIN index. */
  gin: LatencySummary & { indexMB: number };
  /** Top-k keys ordered by the RUM index's `<=>` distance. */
  rum: LatencySummary & { indexMB: number; buildSeconds: number };
  /** Mean share of the product's top 10 that RUM's top 10 also holds. */
  overlapAt10: number;
}

export interface DigestResults extends PartHeader {
  corpusPapers: number;
  /** Papers on the week's listing days the digests choose from. */
  weekPapers: number;
  subscribers: number;
  prepared: number;
  /** Due digests with nothing to send. */
  skipped: number;
  /** Messages the SMTP server accepted. */
  received: number;
  totalSeconds: number;
  planSeconds: number;
  sendSeconds: number;
  /** Mean time to select and render one digest. */
  selectMsPerDigest: number;
  /** CPU time (user + system) of the whole run, SMTP server included (same process). */
  cpuSeconds: number;
  databaseMB: number;
}

export interface AllResults {
  import: ImportResults | null;
  search: SearchResults | null;
  http: HttpResults | null;
  retrieval: RetrievalResults | null;
  "oai-pmh": OaiPmhResults | null;
  embed: EmbedResults | null;
  "postgres-search": PostgresSearchResults | null;
  digest: DigestResults | null;
}

export type PartName = keyof AllResults;

export function partHeader(): PartHeader {
  return { measuredAt: new Date().toISOString(), loadAverage: loadAverage(), machine: describeMachine() };
}

export function savePart<K extends PartName>(name: K, results: NonNullable<AllResults[K]>): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
}

function loadPart<K extends PartName>(name: K): AllResults[K] {
  try {
    return JSON.parse(readFileSync(path.join(RESULTS_DIR, `${name}.json`), "utf8")) as AllResults[K];
  } catch {
    return null;
  }
}

export function loadAllResults(): AllResults {
  return {
    import: loadPart("import"),
    search: loadPart("search"),
    http: loadPart("http"),
    retrieval: loadPart("retrieval"),
    "oai-pmh": loadPart("oai-pmh"),
    embed: loadPart("embed"),
    "postgres-search": loadPart("postgres-search"),
    digest: loadPart("digest"),
  };
}

/** The line each part of the report opens with. Parts are rerun one at a time, so they may come from
 * different machines: each names its own CPU. */
export function measuredWhen(header: PartHeader): string {
  const { cores, cpuModel } = header.machine;
  return `Measured ${header.measuredAt.replace("T", " ").slice(0, 16)} UTC on ${cpuModel} (${cores} cores); load average at the start ${header.loadAverage} (1, 5, 15 min).`;
}
