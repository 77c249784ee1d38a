import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresPool, postgresPaperStore } from "../../../src/store/postgres/postgres-store.js";
import { TermStatistics } from "../../../src/store/postgres/term-statistics.js";
import type { Queryable } from "../../../src/store/postgres/transaction.js";
import { makePaperInput } from "../../support/paper-factory.js";
import { TEST_DATABASE_URL } from "../../support/postgres.js";

/** The pool, with every statement it is given recorded: which counts the statistics asked for. */
function recording(pool: pg.Pool): { queryable: Queryable; statements: string[] } {
  const statements: string[] = [];
  const query = (text: string, values?: unknown[]) => {
    statements.push(text);
    return pool.query(text, values);
  };
  return { queryable: { query } as unknown as Queryable, statements };
}

const frequencyCounts = (statements: string[]) =>
  statements.filter((text) => text.includes("WHERE search_vector @@")).length;
const corpusCounts = (statements: string[]) =>
  statements.filter((text) => text.includes("TABLESAMPLE")).length;

describe.skipIf(TEST_DATABASE_URL === null)("PostgreSQL term statistics", () => {
  let pool: pg.Pool;

  beforeAll(async () => {
    pool = await openPostgresPool(TEST_DATABASE_URL!, {
      schema: `test_terms_${process.pid}_${Date.now()}`,
      maxConnections: 8,
    });
    const store = postgresPaperStore(pool);
    await store.upsertPapers([
      makePaperInput({ title: "Graph networks for molecules" }),
      makePaperInput({ title: "Graph networks for proteins" }),
      makePaperInput({ title: "Diffusion models" }),
    ]);
  });

  afterAll(async () => {
    await pool.end();
  });

  it("counts a word once for concurrent first searches, then answers from its cache", async () => {
    const { queryable, statements } = recording(pool);
    const terms = new TermStatistics(queryable);
    const word = { text: "graph", kind: "word" as const };
    const answers = await Promise.all(Array.from({ length: 5 }, () => terms.inverseFrequencies([word])));
    expect(frequencyCounts(statements)).toBe(1);
    expect(corpusCounts(statements)).toBe(1);
    // Three papers, two with the word: FTS5's idf floored at 1e-6.
    for (const answer of answers) expect(answer).toEqual([1e-6]);
    expect(await terms.inverseFrequencies([{ text: "diffusion", kind: "word" }])).toEqual([
      Math.log(2.5 / 1.5),
    ]);
    await terms.inverseFrequencies([word]);
    expect(frequencyCounts(statements)).toBe(2);
  });

  it("counts again after a count fails, instead of handing every later search the failure", async () => {
    let failNext = true;
    const flaky = {
      query: (text: string, values?: unknown[]) => {
        if (failNext && text.includes("WHERE search_vector @@")) {
          failNext = false;
          return Promise.reject(new Error("connection lost"));
        }
        return pool.query(text, values);
      },
    } as unknown as Queryable;
    const terms = new TermStatistics(flaky);
    const word = { text: "molecules", kind: "word" as const };
    await expect(terms.inverseFrequencies([word])).rejects.toThrow("connection lost");
    expect(await terms.inverseFrequencies([word])).toEqual([Math.log(2.5 / 1.5)]);
  });
});
