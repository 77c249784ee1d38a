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

  it("answers an expired count at once and counts it again in the background", async () => {
    let now = 0;
    const { queryable, statements } = recording(pool);
    const terms = new TermStatistics(queryable, () => now);
    const word = { text: "quokkas", kind: "word" as const };
    // Three papers, none with the word.
    expect(await terms.inverseFrequencies([word])).toEqual([Math.log(3.5 / 0.5)]);
    await postgresPaperStore(pool).upsertPapers([makePaperInput({ title: "Quokkas in the wild" })]);
    now += 11 * 60_000;
    expect(await terms.inverseFrequencies([word])).toEqual([Math.log(3.5 / 0.5)]);
    // Four papers, one with the word, once the recounts are in: each counted once more.
    await expect
      .poll(() => terms.inverseFrequencies([word]), { timeout: 5_000 })
      .toEqual([Math.log(3.5 / 1.5)]);
    expect(frequencyCounts(statements)).toBe(2);
    expect(corpusCounts(statements)).toBe(2);
  });
});

describe.skipIf(TEST_DATABASE_URL === null)("PostgreSQL term statistics on a large table", () => {
  let pool: pg.Pool;

  beforeAll(async () => {
    pool = await openPostgresPool(TEST_DATABASE_URL!, {
      schema: `test_terms_large_${process.pid}_${Date.now()}`,
      maxConnections: 8,
    });
    await postgresPaperStore(pool).upsertPapers(
      Array.from({ length: 300 }, (_, n) =>
        makePaperInput({
          title: n % 3 === 0 ? `Graph networks, part ${n}` : `Diffusion models, part ${n}`,
          abstract: n === 7 ? "Self-supervised quokkas." : "A study.",
        }),
      ),
    );
    await pool.query("ANALYZE papers");
  });

  afterAll(async () => {
    await pool.end();
  });

  // "Large" is set at 100 papers here: 300 are then sampled, like a million at the default.
  const largeFrom100 = (queryable: Queryable) => new TermStatistics(queryable, Date.now, 100);

  it("takes a common word's frequency from the planner's statistics instead of counting it", async () => {
    const { queryable, statements } = recording(pool);
    const terms = largeFrom100(queryable);
    // ANALYZE read all 300 papers: the 100 with "graph" make a share of exactly a third.
    expect(await terms.inverseFrequencies([{ text: "Graph", kind: "word" }])).toEqual([
      Math.log(200.5 / 100.5),
    ]);
    expect(frequencyCounts(statements)).toBe(0);
  });

  it("counts what the statistics cannot answer: phrases, author words, words of several lexemes", async () => {
    const { queryable, statements } = recording(pool);
    const terms = largeFrom100(queryable);
    const answers = await terms.inverseFrequencies([
      { text: "graph networks", kind: "phrase" },
      { text: "self-supervised", kind: "word" },
      { text: "graph", kind: "author" },
    ]);
    expect(frequencyCounts(statements)).toBe(3);
    expect(answers).toEqual([Math.log(200.5 / 100.5), Math.log(299.5 / 1.5), Math.log(300.5 / 0.5)]);
  });
});
