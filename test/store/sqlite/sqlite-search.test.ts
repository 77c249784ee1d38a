import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { PaperInput } from "../../../src/core/paper.js";
import { parseSearchQuery } from "../../../src/core/search-query.js";
import { loadRankingExtension, rankingExtensionPath } from "../../../src/store/sqlite/phrase-counts.js";
import { openSqliteStore } from "../../../src/store/sqlite/sqlite-store.js";
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
    expect(loadRankingExtension(new Database(":memory:"), rankingExtensionPath())).toBe(true);
  });

  it("names a file that is there but does not load, and how to mend it", () => {
    const broken = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), "paperpulse-extension-")),
      "fts5-ranking.so",
    );
    fs.writeFileSync(broken, "not a shared library");
    expect(() => loadRankingExtension(new Database(":memory:"), broken)).toThrow(
      new RegExp(
        `^the search ranking extension ${broken.replaceAll(".", "\\.")} does not load .*npm install`,
      ),
    );
    expect(loadRankingExtension(new Database(":memory:"), `${broken}-missing`)).toBe(false);
  });

  it("ranks and scores exactly as FTS5's bm25(), also after writes change the counts", async () => {
    const given = openSqliteStore(":memory:");
    const counting = openSqliteStore(":memory:", { rankingExtension: null });
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

  it("counts the phrases itself when the counts given do not fit the query", () => {
    const db = new Database(":memory:");
    loadRankingExtension(db, rankingExtensionPath());
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

  it("with top_k, scores the best top_k rows exactly and bounds the rest below them without reading their length", () => {
    const db = new Database(":memory:");
    loadRankingExtension(db, rankingExtensionPath());
    db.exec("CREATE VIRTUAL TABLE t USING fts5(a)");
    const insert = db.prepare("INSERT INTO t (a) VALUES (?)");
    const filler = Array.from({ length: 60 }, (_, i) => `w${i}`).join(" ");
    for (const text of ["x x x", "x x y", `x ${filler}`, "x y", `y ${filler}`, "z"]) insert.run(text);
    type Row = { rowid: number; s: number };
    const bm25 = db
      .prepare("SELECT rowid, -bm25(t) AS s FROM t WHERE t MATCH 'x' ORDER BY rowid")
      .all() as Row[];
    const topK = db
      .prepare("SELECT rowid, -bm25_given_df(t, NULL, 2) AS s FROM t WHERE t MATCH 'x' ORDER BY rowid")
      .all() as Row[];
    const best = [...bm25].sort((a, b) => b.s - a.s).slice(0, 2);
    expect(topK.filter((row) => best.some((b) => b.rowid === row.rowid))).toEqual(
      bm25.filter((row) => best.some((b) => b.rowid === row.rowid)),
    );
    const others = topK.filter((row) => !best.some((b) => b.rowid === row.rowid));
    for (const row of others) {
      const exact = bm25.find((b) => b.rowid === row.rowid)!.s;
      expect(row.s).toBeGreaterThanOrEqual(exact);
      expect(row.s).toBeLessThan(best[1]!.s);
    }
    // The long row came after the heap was full: it got the bound, not its own (lower) score.
    expect(others.find((row) => row.rowid === 3)!.s).toBeGreaterThan(bm25.find((b) => b.rowid === 3)!.s);
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
