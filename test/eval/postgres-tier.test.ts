import pg from "pg";
import { describe, expect, it } from "vitest";
import { type EvalQuery, scoreMode } from "../../scripts/eval/benchmark.js";
import { documentStore, exactIndex } from "../../scripts/eval/corpus-store.js";
import { postgresSchemas, tierBars } from "../../scripts/eval/postgres-tier.js";
import type { BenchmarkScores } from "../../scripts/eval/report.js";
import { parseSearchQuery } from "../../src/core/search-query.js";
import { SearchService } from "../../src/search/search-service.js";
import { HashedEmbedder } from "../support/hashed-embedder.js";
import { TEST_DATABASE_URL } from "../support/postgres.js";

function scores(name: string, lexical: number, hybrid: number): BenchmarkScores {
  const mode = (ndcg10: number) => ({
    ndcg10,
    recall100: 1,
    mrr10: 1,
    perQuery: { ndcg10: [ndcg10], mrr10: [1] },
  });
  return {
    name,
    queries: 10,
    corpus: 100,
    metric: "ndcg10",
    scores: { lexical: mode(lexical), semantic: mode(0.2), hybrid: mode(hybrid) },
  };
}

describe("search quality of the PostgreSQL tier", () => {
  it("holds PostgreSQL to 0.01 nDCG@10 below SQLite, per benchmark and mode; better is fine", () => {
    const bars = tierBars(
      [scores("SciFact test", 0.687, 0.689), scores("CSFCube", 0.312, 0.394)],
      [scores("SciFact test", 0.678, 0.7), scores("CSFCube", 0.301, 0.394)],
    );
    expect(bars.map((bar) => bar.met)).toEqual([true, true, false, true]);
    expect(bars[2]?.text).toContain("CSFCube lexical nDCG@10 on PostgreSQL ≥ SQLite − 0.01: 0.301 vs 0.302");
  });

  it.skipIf(TEST_DATABASE_URL === null)(
    "scores a hand-made corpus on PostgreSQL like SQLite and drops its schemas afterwards",
    async () => {
      const url = TEST_DATABASE_URL!;
      const schemas = postgresSchemas(url);
      const embedder = new HashedEmbedder();
      const { store, paperIdOf } = await documentStore(
        [
          { docId: "d1", title: "Automobile engines", text: "How an automobile engine burns fuel." },
          { docId: "d3", title: "Bread baking", text: "Flour, water and yeast." },
        ],
        embedder,
        schemas.openStore,
      );
      const service = new SearchService(store, { embedder, index: await exactIndex(store, embedder) });
      const queries: EvalQuery[] = [
        { id: "q1", query: parseSearchQuery("yeast"), judgments: new Map([[paperIdOf.get("d3")!, 1]]) },
        { id: "q2", query: parseSearchQuery("bicycle"), judgments: new Map([[paperIdOf.get("d1")!, 1]]) },
      ];
      expect(await scoreMode(service, queries, "lexical")).toEqual({
        ndcg10: 0.5,
        recall100: 0.5,
        mrr10: 0.5,
        perQuery: { ndcg10: [1, 0], mrr10: [1, 0] },
      });
      await store.close();
      await schemas.dropAll();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const left = await client.query("SELECT 1 FROM pg_namespace WHERE nspname LIKE 'eval\\_%'");
      await client.end();
      expect(left.rowCount).toBe(0);
    },
  );
});
