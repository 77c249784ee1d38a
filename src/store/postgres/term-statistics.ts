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
}

interface Cached<T> {
  value: T;
  countedAt: number;
}

/**
 * What BM25 needs beyond each paper's own counts, as FTS5 computes it: the corpus size, the mean
 * document length and each query term's document frequency. Frequencies come from the GIN index once
 * per term, then from this per-process cache; the corpus size is the planner's estimate
 * (pg_class.reltuples) on a large table, exact enough for a logarithm, and the mean length a
 * repeatable block sample of it, so every web node computes the same. A count in progress is shared:
 * concurrent first searches for a word wait for one count (seconds for a common word at 1M papers)
 * instead of each starting its own.
 */
export class TermStatistics {
  private readonly frequencies = new Map<string, Cached<number>>();
  private readonly frequenciesCounting = new Map<string, Promise<number>>();
  private corpus: Cached<CorpusStatistics> | null = null;
  private corpusCounting: Promise<CorpusStatistics> | null = null;

  constructor(
    private readonly pool: Queryable,
    private readonly now: () => number = Date.now,
  ) {}

  async corpusStatistics(): Promise<CorpusStatistics> {
    if (this.corpus && this.now() - this.corpus.countedAt < STATISTICS_TTL_MS) return this.corpus.value;
    this.corpusCounting ??= this.countCorpus()
      .then((value) => {
        this.corpus = { value, countedAt: this.now() };
        return value;
      })
      .finally(() => {
        this.corpusCounting = null;
      });
    return this.corpusCounting;
  }

  /** FTS5's idf, ln((N − df + 0.5) / (df + 0.5)) floored at 1e-6, of each entry. */
  async inverseFrequencies(entries: TermEntry[]): Promise<number[]> {
    if (entries.length === 0) return [];
    const { papers } = await this.corpusStatistics();
    const counts = await Promise.all(entries.map((entry) => this.documentFrequency(entry)));
    return counts.map((df) => Math.max(Math.log((papers - df + 0.5) / (df + 0.5)), MINIMUM_IDF));
  }

  private async countCorpus(): Promise<CorpusStatistics> {
    const estimate = await this.pool.query<{ rows: number }>(
      "SELECT greatest(reltuples, 0)::float8 AS rows FROM pg_class WHERE oid = 'papers'::regclass",
    );
    const estimated = Number(estimate.rows[0]?.rows ?? 0);
    // A table never analysed estimates nothing; small tables are read whole.
    const whole = estimated <= LENGTH_SAMPLE_PAPERS;
    const percent = whole ? 100 : (100 * LENGTH_SAMPLE_PAPERS) / estimated;
    const sampled = await this.pool.query<{ n: string; mean: number | null }>(
      `SELECT count(*) AS n, avg(search_length)::float8 AS mean
       FROM papers TABLESAMPLE SYSTEM ($1) REPEATABLE (0)`,
      [percent],
    );
    const row = sampled.rows[0];
    return {
      papers: whole ? Number(row?.n ?? 0) : estimated,
      averageLength: Number(row?.mean ?? 0),
    };
  }

  private async documentFrequency(entry: TermEntry): Promise<number> {
    const key = `${entry.kind}:${entry.text}`;
    const cached = this.frequencies.get(key);
    if (cached && this.now() - cached.countedAt < STATISTICS_TTL_MS) return cached.value;
    const counting = this.frequenciesCounting.get(key);
    if (counting) return counting;
    const count = this.countPapersWith(entry)
      .then((papers) => {
        if (this.frequencies.size >= MAX_CACHED_TERMS) this.frequencies.clear();
        this.frequencies.set(key, { value: papers, countedAt: this.now() });
        return papers;
      })
      .finally(() => this.frequenciesCounting.delete(key));
    this.frequenciesCounting.set(key, count);
    return count;
  }

  private async countPapersWith(entry: TermEntry): Promise<number> {
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
