import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPostgresStore } from "../../src/store/postgres/postgres-store.js";
import type { OpenEmptyStore } from "./corpus-store.js";
import type { Bar, BenchmarkScores } from "./report.js";

/**
 * The PostgreSQL tier in the quality harness: each benchmark's corpus goes into a schema of its own
 * in the given database (dropped afterwards), so both tiers are scored by the same code on the same
 * documents and queries.
 */
export function postgresSchemas(url: string): { openStore: OpenEmptyStore; dropAll(): Promise<void> } {
  const schemas: string[] = [];
  return {
    openStore: async () => {
      const schema = `eval_${randomBytes(6).toString("hex")}`;
      schemas.push(schema);
      return openPostgresStore(url, { schema, maxConnections: 4 });
    },
    async dropAll() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const schema of schemas.splice(0))
          await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Issue 8's bar: search quality on PostgreSQL within 0.01 nDCG@10 of the SQLite tier, per benchmark and mode. */
export function tierBars(sqlite: BenchmarkScores[], postgres: BenchmarkScores[]): Bar[] {
  return postgres.flatMap((pgScores) => {
    const reference = sqlite.find((result) => result.name === pgScores.name);
    if (!reference) return [];
    return (["lexical", "hybrid"] as const).map((mode) => {
      const onPostgres = pgScores.scores[mode].ndcg10;
      const onSqlite = reference.scores[mode].ndcg10;
      return {
        text: `${pgScores.name} ${mode} nDCG@10 on PostgreSQL ≥ SQLite − 0.01: ${onPostgres.toFixed(3)} vs ${(onSqlite - 0.01).toFixed(3)}`,
        met: onPostgres >= onSqlite - 0.01,
      };
    });
  });
}

/** docs/SEARCH_QUALITY_POSTGRES.md: both tiers side by side and the bar. */
export function tierReport(
  sqlite: BenchmarkScores[],
  postgres: BenchmarkScores[],
  bars: Bar[],
  modelId: string,
  titleModelId: string,
  machine: string,
): string {
  const rows = postgres.flatMap((pgScores) => {
    const reference = sqlite.find((result) => result.name === pgScores.name);
    return (["lexical", "semantic", "hybrid"] as const).map((mode) => {
      const onSqlite = reference?.scores[mode].ndcg10 ?? Number.NaN;
      const onPostgres = pgScores.scores[mode].ndcg10;
      return `| ${pgScores.name} | ${mode} | ${onSqlite.toFixed(3)} | ${onPostgres.toFixed(3)} | ${(onPostgres - onSqlite).toFixed(3)} | ${pgScores.scores[mode].recall100.toFixed(3)} |`;
    });
  });
  return `# Search quality on PostgreSQL

Written by \`PAPERPULSE_EVAL_DATABASE_URL=postgres://… npm run eval -- --postgres\` (scripts/eval/): the
same documents, queries and search service as \`npm run eval\` (docs/SEARCH_QUALITY.md), once on the
embedded SQLite store (FTS5, BM25) and once on the PostgreSQL store (weighted tsvector, BM25 in SQL; ADR 0016),
each corpus in a schema of its own. The dense side is the same model and exact index on both, so the
semantic rows should agree and the lexical and hybrid rows show what the store's ranking changes.

- Models: \`${modelId}\` (document model) and \`${titleModelId}\` (title model, hybrid's title
  similarity). Machine: ${machine}.

| benchmark | mode | nDCG@10 SQLite | nDCG@10 PostgreSQL | difference | Recall@100 PostgreSQL |
|---|---|---:|---:|---:|---:|
${rows.join("\n")}

## Bar (issue 8)
${bars.map((bar) => `- ${bar.met ? "met" : "**missed**"}: ${bar.text}`).join("\n")}
`;
}
