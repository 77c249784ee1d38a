import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSearchQuery } from "../../../src/core/search-query.js";
import { newestSliceBound } from "../../../src/store/postgres/postgres-search.js";
import { openPostgresPool, postgresPaperStore } from "../../../src/store/postgres/postgres-store.js";
import { TermStatistics } from "../../../src/store/postgres/term-statistics.js";
import type { PaperStore } from "../../../src/store/store.js";
import { makePaperInput } from "../../support/paper-factory.js";
import { TEST_DATABASE_URL } from "../../support/postgres.js";

const PAPERS = 300;
const RANKING_LIMIT = 20;
/** "Large" from 100 papers: the 300 are then estimated and sliced, like a million at the default. */
const LARGE_FROM = 100;

/**
 * Papers in key order (the factory's ids ascend): "models" in every one; "legacy" in the oldest 180 and
 * the newest 5, so its newest slice holds fewer matches than the ranking window.
 */
function corpus() {
  return Array.from({ length: PAPERS }, (_, n) =>
    makePaperInput({
      title: `Diffusion models, part ${n}`,
      abstract: n < 180 || n >= PAPERS - 5 ? `Legacy code ${n % 7} times.` : `A study, ${n % 5} times.`,
      upvotes: n % 11,
    }),
  );
}

function slice(statistics: TermStatistics, text: string): Promise<string | null> {
  return newestSliceBound(statistics, parseSearchQuery(text), true, RANKING_LIMIT);
}

describe.skipIf(TEST_DATABASE_URL === null)("PostgreSQL: a broad query ranks from the newest papers", () => {
  let pool: pg.Pool;
  let sliced: PaperStore;
  let whole: PaperStore;

  beforeAll(async () => {
    pool = await openPostgresPool(TEST_DATABASE_URL!, {
      schema: `test_slice_${process.pid}_${Date.now()}`,
      maxConnections: 8,
    });
    await postgresPaperStore(pool).upsertPapers(corpus());
    await pool.query("ANALYZE papers");
    sliced = postgresPaperStore(pool, { rankingLimit: RANKING_LIMIT, exactStatisticsUpTo: LARGE_FROM });
    whole = postgresPaperStore(pool, { rankingLimit: RANKING_LIMIT });
  });

  afterAll(async () => {
    await pool.end();
  });

  it("sizes the slice from the word's frequency: the newest sixth of 300 papers for a word in all of them", async () => {
    const statistics = new TermStatistics(pool, Date.now, LARGE_FROM);
    // 2.5 × 20 expected matches of 300: the newest sixth, rounded down to the histogram's bucket.
    const bound = await slice(statistics, "models");
    expect(bound).not.toBeNull();
    const newer = await pool.query<{ n: string }>("SELECT count(*) AS n FROM papers WHERE key >= $1", [
      bound,
    ]);
    expect(Number(newer.rows[0]!.n)).toBeGreaterThanOrEqual(50);
    expect(Number(newer.rows[0]!.n)).toBeLessThanOrEqual(60);
  });

  it("takes no slice for a rare word, a filtered query, a name such as C++ or a small table", async () => {
    const statistics = new TermStatistics(pool, Date.now, LARGE_FROM);
    expect(await slice(statistics, "part 7")).toBeNull();
    expect(await slice(statistics, "models cat:cs.LG")).toBeNull();
    expect(await slice(statistics, "models C++")).toBeNull();
    expect(await slice(new TermStatistics(pool), "models")).toBeNull();
  });

  it("ranks the same newest matches as a search of every paper", async () => {
    const query = parseSearchQuery("models");
    const request = { query, sort: "relevance" as const, limit: 10, offset: 0, monthCounts: true };
    expect(await sliced.search(request)).toEqual(await whole.search(request));
    expect(await sliced.rankMatches(query, 30, { monthCounts: true })).toEqual(
      await whole.rankMatches(query, 30, { monthCounts: true }),
    );
    expect((await sliced.rankMatches(query, 30)).total).toBe(RANKING_LIMIT);
    expect(await sliced.searchMonthCounts(query)).toEqual(await whole.searchMonthCounts(query));
  });

  it("searches every paper again when the slice holds fewer matches than the window", async () => {
    const statistics = new TermStatistics(pool, Date.now, LARGE_FROM);
    expect(await slice(statistics, "legacy")).not.toBeNull();
    const query = parseSearchQuery("legacy");
    const ranked = await sliced.rankMatches(query, 30, { monthCounts: true });
    expect(ranked).toEqual(await whole.rankMatches(query, 30, { monthCounts: true }));
    expect(ranked.total).toBe(RANKING_LIMIT);
    expect(ranked.matches).toHaveLength(RANKING_LIMIT);
    const counted = await sliced.searchMonthCounts(query);
    expect(counted).toEqual(await whole.searchMonthCounts(query));
    expect(counted.truncated).toBe(true);
    for (const sort of ["relevance", "date", "upvotes"] as const) {
      const request = { query, sort, limit: 10, offset: 5 };
      expect(await sliced.search(request)).toEqual(await whole.search(request));
    }
  });
});
