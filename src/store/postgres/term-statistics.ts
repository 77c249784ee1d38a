import type { Queryable } from "./transaction.js";

/** Corpus statistics change slowly; counting them again every few minutes is plenty. */
const STATISTICS_TTL_MS = 10 * 60_000;
const MAX_CACHED_TERMS = 50_000;
/** Papers read for the mean length; a corpus this small or smaller is read whole, so exactly. */
const LENGTH_SAMPLE_PAPERS = 50_000;
/** FTS5's floor for the idf of a term in more than half the papers (its formula turns negative). */
const MINIMUM_IDF = 1e-6;

/** A query entry BM25 scores: a word, a quoted phrase, or an author-filter word (authors only). */
export interface TermEntry {
  text: string;
  kind: "word" | "phrase" | "author";
}

/**
 * The tsquery of one entry as SQL; `add` takes its text as a statement parameter and returns the
 * placeholder, so words reach the engine as text, never as tsquery syntax.
 */
export function entryTsQuery(entry: TermEntry, add: (value: unknown) => string): string {
  if (entry.kind === "word") return `plainto_tsquery('paperpulse', ${add(entry.text)})`;
  if (entry.kind === "phrase") return `phraseto_tsquery('paperpulse', ${add(entry.text)})`;
  // Author filter words are letters and digits only (core/search-filters), so `word:C` is a safe tsquery.
  return `to_tsquery('paperpulse', ${add(`${entry.text}:C`)})`;
}

export interface CorpusStatistics {
  papers: number;
  /** Mean `search_length` (BM25's avgdl). */
  averageLength: number;
  /**
   * Whether `papers` is the planner's estimate (a large table): then a common word's frequency is
   * estimated too, from the planner's statistics, where counting it would take seconds.
   */
  estimated: boolean;
  /**
   * On a large table, the planner's histogram of paper keys, ascending: between two neighbours lie
   * about the same number of papers (papers added since ANALYZE lie above the last). Null otherwise.
   */
  keyHistogram: string[] | null;
}

interface Cached<T> {
  value: T;
  countedAt: number;
}

/**
 * What BM25 needs beyond each paper's own counts, as FTS5 computes it: the corpus size, the mean
 * document length and each query term's document frequency. On a large table the corpus size is the
 * planner's estimate (pg_class.reltuples), exact enough for a logarithm, the mean length a repeatable
 * block sample, and a common word's frequency the share of papers ANALYZE saw holding it (pg_stats'
 * most common elements, the ~1,000 commonest lexemes: counting one of them through the GIN index takes
 * seconds at 1M papers); every other term is counted through the GIN index, rarer than the commonest
 * lexemes and so quick to count. Every web node thus computes the same. Results are cached per process;
 * an expired one is still answered while it is counted again in the background, so no search waits for
 * a recount. A count in progress is shared: concurrent first searches for a word wait for one count.
 */
export class TermStatistics {
  private readonly frequencies = new Map<string, Cached<number>>();
  private readonly frequenciesCounting = new Map<string, Promise<number>>();
  private corpus: Cached<CorpusStatistics> | null = null;
  private corpusCounting: Promise<CorpusStatistics> | null = null;

  constructor(
    private readonly pool: Queryable,
    private readonly now: () => number = Date.now,
    /** Tables of at most this many papers (by the planner's estimate) are read whole, every count exact. */
    private readonly exactUpTo = LENGTH_SAMPLE_PAPERS,
  ) {}

  async corpusStatistics(): Promise<CorpusStatistics> {
    if (this.corpus && !this.expired(this.corpus)) return this.corpus.value;
    this.corpusCounting ??= this.countCorpus()
      .then((value) => {
        this.corpus = { value, countedAt: this.now() };
        return value;
      })
      .finally(() => {
        this.corpusCounting = null;
      });
    if (this.corpus) {
      // A failed recount leaves the expired value in place; the next search tries again.
      this.corpusCounting.catch(() => {});
      return this.corpus.value;
    }
    return this.corpusCounting;
  }

  /** FTS5's idf, ln((N − df + 0.5) / (df + 0.5)) floored at 1e-6, of each entry. */
  async inverseFrequencies(entries: TermEntry[]): Promise<number[]> {
    const { papers } = await this.corpusStatistics();
    const counts = await this.documentFrequencies(entries);
    return counts.map((df) => Math.max(Math.log((papers - df + 0.5) / (df + 0.5)), MINIMUM_IDF));
  }

  /** How many papers hold each entry (estimated for the commonest words of a large table). */
  async documentFrequencies(entries: TermEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    const corpus = await this.corpusStatistics();
    return Promise.all(entries.map((entry) => this.documentFrequency(entry, corpus)));
  }

  private async countCorpus(): Promise<CorpusStatistics> {
    const estimate = await this.pool.query<{ rows: number }>(
      "SELECT greatest(reltuples, 0)::float8 AS rows FROM pg_class WHERE oid = 'papers'::regclass",
    );
    const estimated = Number(estimate.rows[0]?.rows ?? 0);
    // A table never analysed estimates nothing; small tables are read whole.
    const whole = estimated <= this.exactUpTo;
    const percent = whole ? 100 : (100 * this.exactUpTo) / estimated;
    const sampled = await this.pool.query<{ n: string; mean: number | null }>(
      `SELECT count(*) AS n, avg(search_length)::float8 AS mean
       FROM papers TABLESAMPLE SYSTEM ($1) REPEATABLE (0)`,
      [percent],
    );
    const row = sampled.rows[0];
    return {
      papers: whole ? Number(row?.n ?? 0) : estimated,
      averageLength: Number(row?.mean ?? 0),
      estimated: !whole,
      keyHistogram: whole ? null : await this.keyHistogram(),
    };
  }

  private async keyHistogram(): Promise<string[] | null> {
    const histogram = await this.pool.query<{ bounds: string[] | null }>(
      `SELECT histogram_bounds::text::bigint[]::text[] AS bounds FROM pg_stats
       WHERE schemaname = current_schema() AND tablename = 'papers' AND attname = 'key'`,
    );
    const bounds = histogram.rows[0]?.bounds ?? null;
    return bounds !== null && bounds.length >= 2 ? bounds : null;
  }

  private expired(cached: Cached<unknown>): boolean {
    return this.now() - cached.countedAt >= STATISTICS_TTL_MS;
  }

  private async documentFrequency(entry: TermEntry, corpus: CorpusStatistics): Promise<number> {
    const key = `${entry.kind}:${entry.text}`;
    const cached = this.frequencies.get(key);
    if (cached && !this.expired(cached)) return cached.value;
    let counting = this.frequenciesCounting.get(key);
    if (!counting) {
      counting = this.countPapersWith(entry, corpus)
        .then((papers) => {
          if (this.frequencies.size >= MAX_CACHED_TERMS) this.frequencies.clear();
          this.frequencies.set(key, { value: papers, countedAt: this.now() });
          return papers;
        })
        .finally(() => this.frequenciesCounting.delete(key));
      this.frequenciesCounting.set(key, counting);
    }
    if (cached) {
      // A failed recount leaves the expired value in place; the next search tries again.
      counting.catch(() => {});
      return cached.value;
    }
    return counting;
  }

  /** A word among the planner's commonest lexemes: its share of the papers times their number. */
  private async estimatePapersWith(word: string, papers: number): Promise<number | null> {
    const estimated = await this.pool.query<{ share: number | null }>(
      `SELECT (
         SELECT common.share FROM pg_stats s
         CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs)
           AS common(lexeme, share)
         WHERE s.schemaname = current_schema() AND s.tablename = 'papers' AND s.attname = 'search_vector'
           AND common.lexeme = word.lexemes[1]
       )::float8 AS share
       FROM (SELECT tsvector_to_array(to_tsvector('paperpulse', $1)) AS lexemes) AS word
       WHERE cardinality(word.lexemes) = 1`,
      [word],
    );
    const share = estimated.rows[0]?.share;
    return share === undefined || share === null ? null : Math.round(share * papers);
  }

  private async countPapersWith(entry: TermEntry, corpus: CorpusStatistics): Promise<number> {
    if (corpus.estimated && entry.kind === "word") {
      const estimate = await this.estimatePapersWith(entry.text, corpus.papers);
      if (estimate !== null) return estimate;
    }
    const values: unknown[] = [];
    const tsQuery = entryTsQuery(entry, (value) => {
      values.push(value);
      return `$${values.length}`;
    });
    const counted = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM papers WHERE search_vector @@ ${tsQuery}`,
      values,
    );
    return Number(counted.rows[0]?.n ?? 0);
  }
}
