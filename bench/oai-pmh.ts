/**
 * OAI-PMH ingest speed: parse + normalise + store one generated 1,000-record ListRecords page in the
 * arXiv format, as `paperpulse harvest` does per page. arXiv allows one page every 3 s, so parsing must
 * never be the bottleneck: target ≥ 5,000 records/s. Standalone: `npx tsx bench/oai-pmh.ts`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseOaiResponse } from "../src/ingest/arxiv/oai-pmh-parser.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";

const RECORDS_PER_PAGE = 1_000;
const ROUNDS = 7;
const TARGET_RECORDS_PER_SECOND = 5_000;

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

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-bench-oai-"));
const store = openSqliteStore(path.join(dir, "bench.db"));
const parseMs: number[] = [];
const storeMs: number[] = [];
let bytes = 0;
try {
  // Each round a new page of new ids (inserts, like a daily harvest); round 0 warms up the JIT and is dropped.
  for (let round = 0; round <= ROUNDS; round++) {
    const xml = page(round);
    bytes = xml.length;
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
    }
  }
} finally {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

const rate = (ms: number) => Math.round((RECORDS_PER_PAGE / ms) * 1000);
const total = median(parseMs.map((ms, i) => ms + storeMs[i]!));
const result = {
  page: `${RECORDS_PER_PAGE} records, ${(bytes / 1e6).toFixed(2)} MB`,
  parseAndNormaliseMs: Number(median(parseMs).toFixed(1)),
  storeMs: Number(median(storeMs).toFixed(1)),
  recordsPerSecond: rate(total),
  parseRecordsPerSecond: rate(median(parseMs)),
  target: TARGET_RECORDS_PER_SECOND,
  meetsTarget: rate(total) >= TARGET_RECORDS_PER_SECOND,
};
console.log(
  `OAI-PMH page (${result.page}): parse+normalise ${result.parseAndNormaliseMs} ms, store ${result.storeMs} ms → ` +
    `${result.recordsPerSecond.toLocaleString("en")} records/s (parse alone ${result.parseRecordsPerSecond.toLocaleString("en")}/s; ` +
    `target ≥ ${TARGET_RECORDS_PER_SECOND.toLocaleString("en")}: ${result.meetsTarget ? "met" : "NOT met"})`,
);
console.log(JSON.stringify(result));
