import { createHash } from "node:crypto";
import fs from "node:fs";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { loadSearchExtension, searchExtensionPath } from "../../../src/store/sqlite/search-extension.js";
import { sharedDataPath } from "../../support/shared-data.js";

type Row = [rowid: number, title: string, abstract: string, authorNames: string];

/** The store's definition of papers_fts, on a table of its own. */
const TABLE = `CREATE VIRTUAL TABLE f USING fts5(title, abstract, author_names, content = '',
  tokenize = 'porter unicode61 remove_diacritics 2')`;

function realPapers(count: number): Row[] {
  const lines = zlib
    .gunzipSync(fs.readFileSync(sharedDataPath("arxiv-daily-2025-2026", "papers", "2025-03.jsonl.gz")))
    .toString("utf8")
    .split("\n")
    .filter((line) => line !== "")
    .slice(0, count);
  return lines.map((line, index) => {
    const paper = JSON.parse(line) as { title: string; abstract: string; authors: unknown };
    return [index + 1, paper.title, paper.abstract, String(paper.authors)];
  });
}

/**
 * Tens of thousands of distinct words, so many share a cache slot, take it over and are read back:
 * words of every length around the cached limit and porter's own, with suffixes each step of porter
 * rewrites, and words that are not ASCII.
 */
function manyWords(): Row[] {
  const suffixes = [
    "",
    "s",
    "ies",
    "ing",
    "ed",
    "ational",
    "ization",
    "fulness",
    "ement",
    "iveness",
    "y",
    "e",
  ];
  const rows: Row[] = [];
  let words: string[] = [];
  for (let n = 0; n < 40_000; n++) {
    const stem = n.toString(36).replace(/\d/g, (digit) => "aeiouybcdl"[Number(digit)]!);
    const length = 1 + (n % 70);
    const padded = (stem + "relat".repeat(20)).slice(0, length);
    words.push(padded + suffixes[n % suffixes.length]!);
    if (words.length === 300) {
      rows.push([
        100_000 + rows.length,
        "naïve Café Ærøskøbing Ωmega 東京大学",
        words.join(" "),
        "Zoë Brontë",
      ]);
      words = [];
    }
  }
  return rows;
}

/** The index of `rows` written with the extension loaded `loads` times (0: FTS5's own porter). */
function indexed(rows: Row[], loads: number): { blocks: number; digest: string; db: Database.Database } {
  const db = new Database(":memory:");
  for (let load = 0; load < loads; load++) expect(loadSearchExtension(db, searchExtensionPath())).toBe(true);
  db.exec(TABLE);
  const insert = db.prepare("INSERT INTO f (rowid, title, abstract, author_names) VALUES (?, ?, ?, ?)");
  db.transaction(() => {
    for (const row of rows) insert.run(...row);
  })();
  const hash = createHash("sha256");
  const blocks = db.prepare<[], [number, Buffer]>("SELECT id, block FROM f_data ORDER BY id").raw().all();
  for (const [id, block] of blocks) hash.update(`${id}:${block.length}:`).update(block);
  return { blocks: blocks.length, digest: hash.digest("hex"), db };
}

describe("the search extension's porter tokenizer (stems remembered)", () => {
  const rows = [...realPapers(600), ...manyWords()];
  const builtIn = indexed(rows, 0);
  const cached = indexed(rows, 1);

  it("writes the same index as FTS5's own porter, byte for byte", () => {
    expect(cached.blocks).toBeGreaterThan(10);
    expect(cached.digest).toBe(builtIn.digest);
  });

  it("stems queries as FTS5's own porter does", () => {
    const queries = [
      "learning",
      "models",
      "relational",
      "organization",
      "comput*",
      '"neural networks"',
      "naive cafe",
      "aerøskøbing",
      "ωmega",
      "relatrelatrelatrelatrelatrelatrelatrelatrelatrelatrelatrelatrelatrelatrelat",
    ];
    for (const query of queries) {
      const matches = (db: Database.Database) =>
        db.prepare<[string], number>("SELECT rowid FROM f WHERE f MATCH ? ORDER BY rowid").pluck().all(query);
      expect(matches(cached.db), query).toEqual(matches(builtIn.db));
    }
    expect(cached.db.prepare("SELECT count(*) FROM f WHERE f MATCH 'learned'").pluck().get()).toBeGreaterThan(
      0,
    );
  });

  it("stays FTS5's porter when the extension is loaded twice into one connection", () => {
    expect(indexed(rows, 2).digest).toBe(builtIn.digest);
  });
});
