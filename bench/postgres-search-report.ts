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
  return `## 8. Lexical search on PostgreSQL: GIN or RUM

${when}

\`PAPERPULSE_BENCH_DATABASE_URL=postgres://… npm run bench -- postgres-search\` (on request: it needs a
PostgreSQL database). ${load} The ${r.queries} queries of the lexical benchmark on ${whole(r.corpusPapers)} papers,
top ${r.limit}, one warm-up pass, then one measured pass, over one connection.

${table(
  ["strategy", "p50 (ms)", "p95 (ms)", "p99 (ms)", "max (ms)", "index"],
  [
    row("product: store.search (GIN, ts_rank over the newest 10,000 matches, highlights)", r.product, "GIN"),
    row("GIN, ts_rank over every match, heap sort", r.gin, `${fixed(r.gin.indexMB)} MB`),
    row(
      "RUM, ordered by the index (`<=>`)",
      r.rum,
      `${fixed(r.rum.indexMB)} MB, built in ${fixed(r.rum.buildSeconds)} s`,
    ),
  ],
)}

RUM's top 10 holds ${fixed(r.overlapAt10 * 100, 0)}% of the ts_rank top 10 on average: its \`<=>\` distance
ranks by term frequency and proximity without the product's title weight, so it is a different ranking,
not a faster route to the same one. The decision and its reasons are in docs/adr/0006-postgresql-store.md.`;
}
