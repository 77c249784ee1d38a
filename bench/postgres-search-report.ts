import type { PostgresSearchResults } from "./results.js";

const fixed = (n: number, digits = 1) => n.toFixed(digits);
const whole = (n: number) => Math.round(n).toLocaleString("en-US");

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

export function postgresSearchSection(r: PostgresSearchResults, when: string): string {
  const row = (label: string, s: PostgresSearchResults["product"], extra: string) => [
    label,
    fixed(s.p50Ms, 2),
    fixed(s.p95Ms, 2),
    fixed(s.p99Ms, 2),
    fixed(s.maxMs, 2),
    extra,
  ];
  const load =
    r.load.length === 0
      ? "The database already held the corpus from an earlier run."
      : `Loaded with \`paperpulse import --no-embed\` into PostgreSQL: ${r.load
          .map((run) => `${run.label} in ${fixed(run.wallSeconds)} s (peak RSS ${whole(run.peakRssMB)} MB)`)
          .join("; ")}.`;
  const cpu =
    r.productBackendCpuMs === undefined || r.productBackendCpuMs === null
      ? ""
      : ` The PostgreSQL server spent ${fixed(r.productBackendCpuMs)} ms of CPU (user + system) per query on the product's search and rankMatches together.`;
  const rankRow = r.productRank
    ? [
        row(
          `product: store.rankMatches (the same ranking, ids and scores of the top ${r.productRank.depth}: a short query's hybrid lexical side)`,
          r.productRank,
          "GIN",
        ),
      ]
    : [];
  return `## 8. Lexical search on PostgreSQL: GIN or RUM

${when}

\`PAPERPULSE_BENCH_DATABASE_URL=postgres://… npm run bench -- postgres-search\` (on request: it needs a
PostgreSQL database). ${load} The ${r.queries} queries of the lexical benchmark on ${whole(r.corpusPapers)} papers,
top ${r.limit}, one warm-up pass, then one measured pass, over one connection.${cpu}

${table(
  ["strategy", "p50 (ms)", "p95 (ms)", "p99 (ms)", "max (ms)", "index"],
  [
    row("product: store.search (GIN, BM25 over the newest 10,000 matches, highlights)", r.product, "GIN"),
    ...rankRow,
    row("GIN, ts_rank over every match, heap sort", r.gin, `${fixed(r.gin.indexMB)} MB`),
    row(
      "RUM, ordered by the index (`<=>`)",
      r.rum,
      `${fixed(r.rum.indexMB)} MB, built in ${fixed(r.rum.buildSeconds)} s`,
    ),
  ],
)}

RUM's top 10 holds ${fixed(r.overlapAt10 * 100, 0)}% of the product's (BM25) top 10 on average: its \`<=>\`
distance ranks by term frequency and proximity without idf or the title weight, so it is a different
ranking, not a faster route to the same one. The decisions and their reasons are in
docs/adr/0006-postgresql-store.md and docs/adr/0016-bm25-on-postgresql.md.`;
}
