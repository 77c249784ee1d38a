import type Database from "better-sqlite3";

/** Beyond this many remembered phrases the memory starts over: common words come back at once. */
const MAX_REMEMBERED = 20_000;

/**
 * How many papers each phrase of a query occurs in, what BM25's IDF needs. FTS5 keeps no such count:
 * finding one walks the phrase's whole doclist (tens of milliseconds for a common word at a million
 * papers), so counts are remembered until the index changes. The index's averages and structure
 * records change with every write that reaches it, so comparing them tells a stale count from a
 * current one; counts are therefore exact, as bm25() computes them.
 */
export class PhraseCounts {
  private readonly statements;
  private counts = new Map<string, number>();
  private indexState: Buffer[] = [];

  constructor(db: Database.Database) {
    this.statements = {
      indexState: db
        .prepare<[], Buffer>("SELECT block FROM papers_fts_data WHERE id IN (1, 10) ORDER BY id")
        .pluck(),
      count: db.prepare<[string], number>("SELECT count(*) FROM papers_fts WHERE papers_fts MATCH ?").pluck(),
    };
  }

  /** The counts as bm25_given_df reads them: one native-endian double per phrase. */
  documentFrequencies(phrases: (string | null)[]): Buffer {
    this.forgetIfIndexChanged();
    const frequencies = new Float64Array(phrases.length);
    phrases.forEach((phrase, index) => {
      if (phrase !== null) frequencies[index] = this.count(phrase);
    });
    return Buffer.from(frequencies.buffer);
  }

  private count(phrase: string): number {
    let count = this.counts.get(phrase);
    if (count === undefined) {
      count = this.statements.count.get(phrase)!;
      if (this.counts.size >= MAX_REMEMBERED) this.counts.clear();
      this.counts.set(phrase, count);
    }
    return count;
  }

  private forgetIfIndexChanged(): void {
    const state = this.statements.indexState.all();
    const same =
      state.length === this.indexState.length && state.every((block, i) => block.equals(this.indexState[i]!));
    if (!same) {
      this.counts.clear();
      this.indexState = state;
    }
  }
}
