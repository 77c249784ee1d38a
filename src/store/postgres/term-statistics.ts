import type pg from "pg";

/** A word's document frequency changes slowly; counting it again every few minutes is plenty. */
const FREQUENCY_TTL_MS = 10 * 60_000;
const MAX_CACHED_TERMS = 50_000;

interface CachedFrequency {
  papers: number;
  countedAt: number;
}

/**
 * Inverse document frequencies of query words, for a BM25-like ranking on PostgreSQL: ts_rank alone
 * weighs every word alike, so a query's common words ("learning", "model") outvote its rare, telling
 * ones. Each word's document count comes from the GIN index once, then from this per-process cache;
 * the corpus size is the planner's estimate (pg_class.reltuples), exact enough for a logarithm.
 */
export class TermStatistics {
  private readonly frequencies = new Map<string, CachedFrequency>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => number = Date.now,
  ) {}

  /** BM25's idf, ln(1 + (N − df + 0.5) / (df + 0.5)), of each word or phrase (`kind` says which). */
  async inverseFrequencies(entries: { text: string; kind: "word" | "phrase" }[]): Promise<number[]> {
    if (entries.length === 0) return [];
    const corpus = await this.corpusSize();
    const counts = await Promise.all(entries.map((entry) => this.documentFrequency(entry.text, entry.kind)));
    return counts.map((df) => Math.log(1 + (corpus - df + 0.5) / (df + 0.5)));
  }

  private async corpusSize(): Promise<number> {
    const estimate = await this.pool.query<{ rows: number }>(
      "SELECT greatest(reltuples, 0)::float8 AS rows FROM pg_class WHERE oid = 'papers'::regclass",
    );
    const rows = Number(estimate.rows[0]?.rows ?? 0);
    // A table never analysed estimates nothing: count it (small tables are the ones never analysed).
    if (rows > 0) return rows;
    const counted = await this.pool.query<{ n: string }>("SELECT count(*) AS n FROM papers");
    return Number(counted.rows[0]?.n ?? 0);
  }

  private async documentFrequency(text: string, kind: "word" | "phrase"): Promise<number> {
    const key = `${kind}:${text}`;
    const cached = this.frequencies.get(key);
    if (cached && this.now() - cached.countedAt < FREQUENCY_TTL_MS) return cached.papers;
    const parser = kind === "word" ? "plainto_tsquery" : "phraseto_tsquery";
    const counted = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM papers WHERE search_vector @@ ${parser}('paperpulse', $1)`,
      [text],
    );
    const papers = Number(counted.rows[0]?.n ?? 0);
    if (this.frequencies.size >= MAX_CACHED_TERMS) this.frequencies.clear();
    this.frequencies.set(key, { papers, countedAt: this.now() });
    return papers;
  }
}
