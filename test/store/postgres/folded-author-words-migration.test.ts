import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorNameWords } from "../../../src/core/search-filters.js";
import { parseSearchQuery } from "../../../src/core/search-query.js";
import { sql as foldedAuthorWords } from "../../../src/store/postgres/migrations/0021-folded-author-words.js";
import { openPostgresPool, postgresPaperStore } from "../../../src/store/postgres/postgres-store.js";
import type { PaperStore } from "../../../src/store/store.js";
import { makePaperInput } from "../../support/paper-factory.js";
import { TEST_DATABASE_URL } from "../../support/postgres.js";

const PAPERS = [
  makePaperInput({ id: "2509.00001", title: "Sparse codes", authors: ["Łukasz Kaiser", "Ada Lovelace"] }),
  makePaperInput({ id: "2509.00002", title: "Dense codes", authors: ["Anna Straße", "Ðorđe Þórsson"] }),
  makePaperInput({ id: "2509.00003", title: "Long codes", authors: ["Alan Turing"] }),
];

/** The words as version 20 stored them: accents dropped, but "ł", "ß", "đ"… kept. */
function unfoldedWords(authors: string[]): string[][] {
  return authors.map(
    (name) =>
      name
        .normalize("NFKD")
        .replace(/\p{M}/gu, "")
        .toLowerCase()
        .match(/[\p{L}\p{N}]+/gu) ?? [],
  );
}

describe.skipIf(TEST_DATABASE_URL === null)("PostgreSQL migration 21 (folded author words)", () => {
  let pool: pg.Pool;
  let store: PaperStore;

  beforeAll(async () => {
    pool = await openPostgresPool(TEST_DATABASE_URL!, {
      schema: `test_folded_${process.pid}_${Date.now()}`,
      maxConnections: 4,
    });
    store = postgresPaperStore(pool);
    await store.upsertPapers(PAPERS);
    for (const paper of PAPERS) {
      await pool.query("UPDATE papers SET author_words = $1::jsonb WHERE id = $2", [
        JSON.stringify(unfoldedWords(paper.authors)),
        paper.id,
      ]);
    }
  });

  afterAll(async () => {
    await pool.end();
  });

  async function ids(text: string): Promise<string[]> {
    const result = await store.search({ query: parseSearchQuery(text), limit: 10, offset: 0 });
    return result.hits.map((hit) => hit.paper.id).sort();
  }

  it("spells the stored words in base letters, as the filter compares them, and touches no other row", async () => {
    expect(await ids("author:lukasz")).toEqual([]);
    // A row's xmin is the transaction that last wrote it: the same afterwards, when untouched.
    const before = await pool.query(
      "SELECT id, xmin::text AS written_by FROM papers WHERE id = '2509.00003'",
    );
    await pool.query(foldedAuthorWords);
    const rows = await pool.query<{ id: string; author_words: string[][] }>(
      "SELECT id, author_words FROM papers ORDER BY id",
    );
    expect(rows.rows).toEqual(
      PAPERS.map((paper) => ({ id: paper.id, author_words: paper.authors.map(authorNameWords) })),
    );
    expect(rows.rows[1]?.author_words).toEqual([
      ["anna", "strasse"],
      ["dorde", "thorsson"],
    ]);
    const after = await pool.query("SELECT id, xmin::text AS written_by FROM papers WHERE id = '2509.00003'");
    expect(after.rows).toEqual(before.rows);
    expect(await ids("author:lukasz")).toEqual(["2509.00001"]);
    expect(await ids('author:"Łukasz Kaiser"')).toEqual(["2509.00001"]);
    expect(await ids("author:strasse")).toEqual(["2509.00002"]);
    expect(await ids("author:thorsson")).toEqual(["2509.00002"]);
  });
});
