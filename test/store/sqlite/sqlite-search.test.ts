import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { PaperInput } from "../../../src/core/paper.js";
import type { SearchSort } from "../../../src/core/search-filters.js";
import { parseSearchQuery } from "../../../src/core/search-query.js";
import { migrate } from "../../../src/store/sqlite/migrate.js";
import { loadSearchExtension, searchExtensionPath } from "../../../src/store/sqlite/search-extension.js";
import { openSqliteStore, sqlitePaperStore } from "../../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../../src/store/store.js";
import { makePaperInput } from "../../support/paper-factory.js";

const WORDS = "graph neural network diffusion model language attention sparse robust learning".split(" ");

/** Papers whose words repeat unevenly, so BM25's frequencies, lengths and IDFs all differ. */
function corpus(count: number, offset = 0): PaperInput[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + offset;
    const words = (length: number, seed: number) =>
      Array.from({ length }, (_, j) => WORDS[(seed * 7 + j * j * 3) % WORDS.length]).join(" ");
    return makePaperInput({
      id: `2509.${String(20000 + n).padStart(5, "0")}`,
      title: words(3 + (n % 5), n),
      abstract: words(10 + ((n * 13) % 40), n + 1),
      authors: [n % 3 === 0 ? "Ada Lovelace" : "Alan Turing", `Author ${n % 4}`],
    });
  });
}

const QUERIES = [
  "graph",
  "graph neural network",
  "language model attention",
  '"neural network" diffusion',
  "robust -sparse",
  "author:Lovelace learning",
  "graph zebra", // no paper has both: the any-word fallback ranks
  "diffusion cat:cs.LG",
];

async function scores(store: PaperStore, text: string) {
  const query = parseSearchQuery(text);
  const searched = await store.search({ query, limit: 50, offset: 0 });
  const ranked = await store.rankMatches(query, 50);
  return {
    searched: searched.hits.map((hit) => [hit.paper.id, hit.score]),
    ranked: ranked.matches.map((match) => [match.paperId, match.score]),
  };
}

describe("SQLite ranking with given phrase counts (bm25_given_df)", () => {
  it("is built by the install and loads", () => {
    expect(loadSearchExtension(new Database(":memory:"), searchExtensionPath())).toBe(true);
  });

  it("names a file that is there but does not load, and how to mend it", () => {
    const broken = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-extension-")),
      "fts5-search.so",
    );
    fs.writeFileSync(broken, "not a shared library");
    expect(() => loadSearchExtension(new Database(":memory:"), broken)).toThrow(
      new RegExp(`^the search extension ${broken.replaceAll(".", "\\.")} does not load .*npm install`),
    );
    expect(loadSearchExtension(new Database(":memory:"), `${broken}-missing`)).toBe(false);
  });

  it("ranks and scores exactly as FTS5's bm25(), also after writes change the counts", async () => {
    const given = openSqliteStore(":memory:");
    const counting = openSqliteStore(":memory:", { searchExtension: null });
    for (const batch of [corpus(60), corpus(25, 60)]) {
      await given.upsertPapers(batch);
      await counting.upsertPapers(batch);
      for (const text of QUERIES) {
        const expected = await scores(counting, text);
        expect(expected.searched.length).toBeGreaterThan(0);
        expect(await scores(given, text)).toEqual(expected);
      }
    }
    // An update that rewrites a paper's words changes the counts without adding a paper.
    const rewritten = makePaperInput({ ...corpus(1)[0]!, title: "zebra zebra graph", abstract: "zebra" });
    await given.upsertPapers([rewritten]);
    await counting.upsertPapers([rewritten]);
    for (const text of ["zebra", "graph zebra"]) {
      expect((await scores(given, text)).searched[0]).toEqual((await scores(counting, text)).searched[0]);
      expect(await scores(given, text)).toEqual(await scores(counting, text));
    }
    await given.close();
    await counting.close();
  });

  it("ranks a truncated window (only the newest matches) exactly as bm25(), pages and filters included", async () => {
    const given = openSqliteStore(":memory:", { rankingLimit: 12 });
    const counting = openSqliteStore(":memory:", { rankingLimit: 12, searchExtension: null });
    await given.upsertPapers(corpus(85));
    await counting.upsertPapers(corpus(85));
    for (const text of QUERIES) {
      const query = parseSearchQuery(text);
      for (const [offset, limit] of [
        [0, 5],
        [5, 5],
        [0, 30],
      ] as const) {
        const expected = await counting.search({ query, limit, offset });
        expect(await given.search({ query, limit, offset })).toEqual(expected);
      }
      expect(await given.rankMatches(query, 4)).toEqual(await counting.rankMatches(query, 4));
    }
    expect((await given.search({ query: parseSearchQuery("graph"), limit: 5, offset: 0 })).truncated).toBe(
      true,
    );
    await given.close();
    await counting.close();
  });

  it("counts the phrases itself when the counts given do not fit the query", () => {
    const db = new Database(":memory:");
    loadSearchExtension(db, searchExtensionPath());
    db.exec("CREATE VIRTUAL TABLE t USING fts5(a, b)");
    const insert = db.prepare("INSERT INTO t (a, b) VALUES (?, ?)");
    for (const [a, b] of [
      ["x y", "y"],
      ["x", "z z"],
      ["y y y", "x"],
      ["z", "w"],
    ])
      insert.run(a, b);
    const bm25 = db
      .prepare("SELECT rowid, bm25(t, 2.0, 1.0) AS s FROM t WHERE t MATCH 'x OR y' ORDER BY rowid")
      .all();
    const given = db.prepare(
      "SELECT rowid, bm25_given_df(t, ?, 0, 2.0, 1.0) AS s FROM t WHERE t MATCH 'x OR y' ORDER BY rowid",
    );
    const exact = Buffer.from(new Float64Array([3, 2]).buffer);
    expect(given.all(exact)).toEqual(bm25);
    expect(given.all(null)).toEqual(bm25);
    expect(given.all(Buffer.from(new Float64Array([3]).buffer))).toEqual(bm25);
    // Wrong counts of the right length are used as given: the scores differ (the blob is read).
    expect(given.all(Buffer.from(new Float64Array([1, 1]).buffer))).not.toEqual(bm25);
  });

  it("with top_k, scores exactly every row that can be among the best top_k and leaves the others NULL", () => {
    const db = new Database(":memory:");
    loadSearchExtension(db, searchExtensionPath());
    db.exec("CREATE VIRTUAL TABLE t USING fts5(a, b)");
    const insert = db.prepare("INSERT INTO t (a, b) VALUES (?, ?)");
    for (let i = 0; i < 200; i++) {
      const words = (n: number, seed: number) =>
        Array.from({ length: n }, (_, j) => ["x", "y", "z", `w${j}`][(seed * 5 + j * j) % 4]).join(" ");
      insert.run(words(2 + (i % 7), i), words(5 + ((i * 11) % 30), i + 3));
    }
    type Row = { rowid: number; s: number | null };
    const select = (score: string) =>
      db
        .prepare(`SELECT rowid, ${score} AS s FROM t WHERE t MATCH 'x AND y' ORDER BY rowid DESC`)
        .all() as Row[];
    const exact = select("-bm25(t, 3.0, 1.0)");
    const best = [...exact].sort((a, b) => b.s! - a.s! || b.rowid - a.rowid).slice(0, 5);
    const kept = select("-bm25_given_df(t, NULL, 5, 3.0, 1.0)");
    expect(kept).toHaveLength(exact.length);
    const scored = kept.filter((row) => row.s !== null);
    // Most rows are left out, the best five are not, and every score given is bm25()'s.
    expect(scored.length).toBeLessThan(exact.length / 2);
    for (const row of best) expect(scored).toContainEqual(row);
    for (const row of scored) expect(row).toEqual(exact.find((e) => e.rowid === row.rowid));
    for (const row of kept.filter((k) => k.s === null))
      expect(exact.find((e) => e.rowid === row.rowid)!.s).toBeLessThanOrEqual(best[4]!.s!);
  });

  it("with top_k, leaves out a row without reading its length when its matched offsets already make it too long", () => {
    const db = new Database(":memory:");
    loadSearchExtension(db, searchExtensionPath());
    db.exec("CREATE VIRTUAL TABLE t USING fts5(a)");
    const insert = db.prepare("INSERT INTO t (rowid, a) VALUES (?, ?)");
    const filler = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(" ");
    // Row 1's "x" is its 61st token; row 2 (scored first, rowid DESC) has it at the start of 11 tokens.
    // At length zero row 1 would still beat row 2, so only its offset can rule it out unread.
    insert.run(1, `${filler(60, "w")} x`);
    insert.run(2, `x ${filler(10, "v")}`);
    for (const rowid of [3, 4, 5]) insert.run(rowid, "z");
    db.unsafeMode(true);
    db.exec("DELETE FROM t_docsize WHERE id = 1");
    const ranked = (topK: number) =>
      db
        .prepare(
          `SELECT rowid, -bm25_given_df(t, NULL, ${topK}) AS s FROM t WHERE t MATCH 'x' ORDER BY rowid DESC`,
        )
        .all() as { rowid: number; s: number | null }[];
    expect(ranked(1).map((row) => [row.rowid, row.s === null])).toEqual([
      [2, false],
      [1, true],
    ]);
    // Scoring every row reads row 1's length, which is gone.
    expect(() => ranked(0)).toThrow(/malformed/);
  });

  it("counts the matches when a page lies past the last one", async () => {
    const store = openSqliteStore(":memory:");
    await store.upsertPapers(corpus(30));
    const query = parseSearchQuery("graph");
    const first = await store.search({ query, limit: 5, offset: 0 });
    const beyond = await store.search({ query, limit: 5, offset: 1_000 });
    expect(first.total).toBeGreaterThan(5);
    expect(beyond).toEqual({ hits: [], total: first.total, truncated: false });
    await store.close();
  });
});

describe("SQLite search page of a category", () => {
  const papers = Array.from({ length: 12 }, (_, i) =>
    makePaperInput({
      id: `2509.${String(30000 + i).padStart(5, "0")}`,
      categories: i % 2 === 0 ? ["math.NA", "cs.NA"] : ["cs.LG"],
      listingDay: `2025-0${1 + (i % 6)}-15`,
      upvotes: (i * 5) % 7,
    }),
  );

  /** Migration 23's indexes taken back out, migration 20's put back: the indexes before migration 23. */
  const INDEXES_BEFORE_MIGRATION_23 = `
    DROP INDEX papers_trend_by_key_with_categories;
    DROP INDEX papers_by_upvotes_with_categories;
    CREATE INDEX papers_trend_by_key ON papers (rowid, day, upvotes);
  `;

  /**
   * A search's first page (by default a category's, filters alone), and the plan of every statement it
   * ran, through a store on the current schema, or on its indexes before migration 23 (`before23`).
   */
  async function categoryPage(before23: boolean, sort: SearchSort, text = "cat:math.NA") {
    const executed: string[] = [];
    // better-sqlite3 reports each statement it runs, its parameters filled in.
    const db = new Database(":memory:", { verbose: (sql) => executed.push(String(sql)) });
    migrate(db);
    if (before23) db.exec(INDEXES_BEFORE_MIGRATION_23);
    const store = sqlitePaperStore(db, { rankingLimit: 4 });
    await store.upsertPapers(papers);
    executed.length = 0;
    const query = parseSearchQuery(text);
    const result = await store.search({ query, sort, limit: 3, offset: 0, monthCounts: true });
    const plans = executed
      .filter((sql) => /^\s*(WITH|SELECT)/i.test(sql))
      .flatMap((sql) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail),
      );
    await store.close();
    return { result, plans };
  }

  /** Scans of the papers table itself (no index named): they read every row, abstracts and all. */
  const tableScans = (plans: string[]) => plans.filter((detail) => /^SCAN p\b(?!.*INDEX)/.test(detail));

  it("reads a category's newest papers per month from an index, not from the papers' rows", async () => {
    const { result, plans } = await categoryPage(false, "date");
    // 6 matches, more than the ranking limit: the months are the newest 4 papers' (by key).
    expect(result.truncated).toBe(true);
    expect(result.monthCounts?.months.map((month) => [month.month, month.papers])).toEqual([
      ["2025-01", 1],
      ["2025-03", 1],
      ["2025-05", 2],
    ]);
    expect(plans.some((detail) => /papers_trend_by_key_with_categories/.test(detail))).toBe(true);
    expect(tableScans(plans)).toEqual([]);
    // Before migration 23 the walk did scan the rows.
    expect(tableScans((await categoryPage(true, "date")).plans)).not.toEqual([]);
  });

  it("takes a category's most upvoted papers from the top of an index, sorting none", async () => {
    const { result, plans } = await categoryPage(false, "upvotes");
    const expected = papers
      .filter((paper) => paper.categories.includes("math.NA"))
      .sort((a, b) => b.upvotes - a.upvotes) // the category's upvotes are all different
      .slice(0, 3)
      .map((paper) => paper.id);
    expect(result.hits.map((hit) => hit.paper.id)).toEqual(expected);
    expect(plans.some((detail) => /papers_by_upvotes_with_categories/.test(detail))).toBe(true);
    expect(plans.filter((detail) => /TEMP B-TREE FOR ORDER BY/.test(detail))).toEqual([]);
    // Before migration 23 every match was sorted.
    const before = await categoryPage(true, "upvotes");
    expect(before.result.hits.map((hit) => hit.paper.id)).toEqual(expected);
    expect(before.plans.filter((detail) => /TEMP B-TREE FOR ORDER BY/.test(detail))).not.toEqual([]);
  });

  it("tests a word match's categories on that index too, and reads rows only for the filters that need them", async () => {
    const coveringLookup = /SEARCH p USING COVERING INDEX papers_trend_by_key_with_categories \(rowid=\?\)/;
    for (const sort of ["relevance", "date"] as const) {
      const { result, plans } = await categoryPage(false, sort, "study cat:math.NA");
      expect(result.total).toBe(4); // the ranking limit's newest 4 of the 6
      expect(plans.some((detail) => coveringLookup.test(detail))).toBe(true);
    }
    // Authors are in the papers' rows alone.
    const byAuthor = await categoryPage(false, "relevance", "study cat:math.NA author:lovelace");
    expect(byAuthor.result.total).toBe(4);
    expect(byAuthor.plans.some((detail) => coveringLookup.test(detail))).toBe(false);
  });
});
