/**
 * OAI-PMH ingest speed (`npm run bench -- oai-pmh`): parse + normalise + store one generated
 * 1,000-record ListRecords page in the arXiv format, as `paperpulse harvest` does per page. arXiv
 * allows one page every 3 s, so parsing must never be the bottleneck: target ≥ 5,000 records/s.
 * Both run on this thread, so its CPU time is measured beside the wall time: on a shared machine the
 * CPU time is the steadier of the two.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseOaiResponse } from "../src/ingest/arxiv/oai-pmh-parser.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import { type OaiPmhResults, partHeader } from "./results.js";

const RECORDS_PER_PAGE = 1_000;
const ROUNDS = 7;
export const TARGET_RECORDS_PER_SECOND = 5_000;

const WORDS =
  "model learning neural attention graph sparse training data robust language vision transformer optimal bound theorem quantum energy field network inference sampling".split(
    " ",
  );

function words(seed: number, count: number): string {
  return Array.from({ length: count }, (_, i) => WORDS[(seed * 7 + i * 13) % WORDS.length]).join(" ");
}

/** One record shaped like arXiv's: ~5 authors, a wrapped ~1,000-character abstract, optional fields. */
function record(round: number, index: number): string {
  const id = `25${String(round + 1).padStart(2, "0")}.${String(index + 1).padStart(5, "0")}`;
  const authors = Array.from(
    { length: 1 + (index % 9) },
    (_, a) =>
      `<author><keyname>Author${a}</keyname><forenames>First ${String.fromCharCode(65 + a)}.</forenames></author>`,
  ).join("");
  const abstract = Array.from({ length: 12 }, (_, line) => words(index + line, 12)).join("\n");
  return `<record><header><identifier>oai:arXiv.org:${id}</identifier><datestamp>2025-01-06</datestamp><setSpec>cs</setSpec></header>
<metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>${id}</id><created>2025-01-02</created><authors>${authors}</authors><title>${words(index, 10)}</title><categories>cs.LG cs.CL stat.ML</categories><comments>12 pages, 3 figures</comments><license>http://creativecommons.org/licenses/by/4.0/</license><abstract>  ${abstract}
</abstract></arXiv></metadata></record>`;
}

function page(round: number): string {
  const records = Array.from({ length: RECORDS_PER_PAGE }, (_, index) => record(round, index)).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2025-01-08T10:00:00Z</responseDate>
<request verb="ListRecords" metadataPrefix="arXiv">https://oaipmh.arxiv.org/oai</request>
<ListRecords>${records}<resumptionToken cursor="${round * RECORDS_PER_PAGE}" completeListSize="100000">token|${round}</resumptionToken></ListRecords></OAI-PMH>`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

const rate = (ms: number) => (RECORDS_PER_PAGE / ms) * 1000;

export async function runOaiPmhBenchmark(): Promise<OaiPmhResults> {
  const header = partHeader();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-bench-oai-"));
  const store = openSqliteStore(path.join(dir, "bench.db"));
  const parseMs: number[] = [];
  const storeMs: number[] = [];
  const totalCpuMs: number[] = [];
  let bytes = 0;
  try {
    // Each round a new page of new ids (inserts, like a daily harvest); round 0 warms up the JIT and is dropped.
    for (let round = 0; round <= ROUNDS; round++) {
      const xml = page(round);
      bytes = xml.length;
      const cpu = process.cpuUsage();
      const started = performance.now();
      const response = parseOaiResponse(xml, "arXiv");
      const parsed = performance.now();
      if (response.kind !== "records") throw new Error("the generated page is not a records page");
      const papers = response.records.flatMap((r) => (r.status === "paper" ? [r.paper] : []));
      if (papers.length !== RECORDS_PER_PAGE) throw new Error(`only ${papers.length} records parsed`);
      await store.upsertPapers(papers, { sourceState: { key: "bench", value: String(round) } });
      const stored = performance.now();
      if (round > 0) {
        parseMs.push(parsed - started);
        storeMs.push(stored - parsed);
        totalCpuMs.push(cpuMs(cpu));
      }
    }
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const totalMs = median(parseMs.map((ms, i) => ms + storeMs[i]!));
  const result: OaiPmhResults = {
    ...header,
    records: RECORDS_PER_PAGE,
    pageMB: bytes / 1e6,
    rounds: ROUNDS,
    parseAndNormaliseMs: median(parseMs),
    storeMs: median(storeMs),
    recordsPerSecond: rate(totalMs),
    parseRecordsPerSecond: rate(median(parseMs)),
    cpuMs: median(totalCpuMs),
    recordsPerCpuSecond: rate(median(totalCpuMs)),
  };
  console.log(
    `  ${RECORDS_PER_PAGE} records (${result.pageMB.toFixed(2)} MB): parse+normalise ${result.parseAndNormaliseMs.toFixed(1)} ms, ` +
      `store ${result.storeMs.toFixed(1)} ms → ${Math.round(result.recordsPerSecond)} records/s ` +
      `(CPU ${result.cpuMs.toFixed(1)} ms → ${Math.round(result.recordsPerCpuSecond)} records per CPU second)`,
  );
  return result;
}
