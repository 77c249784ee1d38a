import { measuredWhen, type RetrievalResults } from "./results.js";

/** The issue's targets at 1M papers. */
export const RETRIEVAL_TARGETS = { lexicalP95Ms: 30, hybridP95Ms: 60, rssMB: 1_500 };

const fixed = (n: number, digits = 1) => n.toFixed(digits);
const verdict = (met: boolean) => (met ? "met" : "**missed**");

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Target rows for the 1M runs with the index the product picks there (HNSW). */
export function retrievalTargetRows(r: RetrievalResults): string[][] {
  // The product's steady state at 1M: the HNSW graph, loaded from its saved file.
  const million = r.runs.findLast((run) => run.corpus.startsWith("1M") && run.kind === "hnsw");
  if (!million) return [];
  const p95 = (mode: string) => million.modes.find((m) => m.mode === mode)?.p95Ms ?? Number.NaN;
  return [
    [
      "lexical search at 1M, 200 queries",
      `p95 ≤ ${RETRIEVAL_TARGETS.lexicalP95Ms} ms`,
      `${fixed(p95("lexical"), 2)} ms`,
      verdict(p95("lexical") <= RETRIEVAL_TARGETS.lexicalP95Ms),
    ],
    [
      "hybrid search at 1M, 200 queries",
      `p95 ≤ ${RETRIEVAL_TARGETS.hybridP95Ms} ms`,
      `${fixed(p95("hybrid"), 2)} ms`,
      verdict(p95("hybrid") <= RETRIEVAL_TARGETS.hybridP95Ms),
    ],
    [
      "search process peak RSS at 1M",
      `≤ ${RETRIEVAL_TARGETS.rssMB} MB`,
      `${fixed(million.peakRssMB, 0)} MB`,
      verdict(million.peakRssMB <= RETRIEVAL_TARGETS.rssMB),
    ],
  ];
}

export function retrievalSection(r: RetrievalResults): string {
  const rows = r.runs.flatMap((run) =>
    run.modes.map((m) => [
      run.corpus,
      run.kind,
      run.indexFrom ?? "store",
      m.mode,
      fixed(m.p50Ms, 2),
      fixed(m.p95Ms, 2),
      fixed(m.cpuMsPerQuery, 2),
      fixed(run.buildSeconds),
      fixed(run.peakRssMB, 0),
    ]),
  );
  const embedding = r.runs
    .filter((run) => run.embedded > 0)
    .map(
      (run) =>
        `${run.corpus}: ${run.embedded.toLocaleString("en-US")} papers embedded in ${fixed(run.embedSeconds)} s (${Math.round(run.embedded / run.embedSeconds).toLocaleString("en-US")} papers/s, vectors written included)`,
    )
    .join("; ");
  return `## 4. Search by meaning (lexical, semantic, hybrid)

${measuredWhen(r)}
\`npm run bench -- retrieval\` (add \`corpus-1m\` first to build the 1M corpus with bench/synthetic-corpus.ts).
Each row is one process (bench/retrieval-child.ts): it embeds papers lacking a vector, loads every vector
into the index kind named, or loads the HNSW graph an earlier run saved beside the database (ADR 0013;
"index ready" is the build or the load with its checksum and catch-up), then runs the 200 queries of \`bench/search-queries.ts\`
through the search service in each mode with limit 20, a warm-up pass and a measured pass. CPU ms is
the measured pass's user + system time per query, steadier than wall time on a shared machine. Peak
RSS is the whole process's (SQLite cache, model, index).

${table(["corpus", "index", "index from", "mode", "p50 ms", "p95 ms", "CPU ms/query", "index ready s", "peak RSS MB"], rows)}

${embedding ? `Embedding: ${embedding}.` : ""}`;
}
