import type pg from "pg";
import { categoriesCoveredBy } from "../../core/arxiv-categories.js";
import { arxivIdFromOrdinal, arxivIdOrdinal } from "../../core/arxiv-id.js";
import { hasFilters, type SearchSort } from "../../core/search-filters.js";
import { hasAnyWordFallback, type SearchQuery } from "../../core/search-query.js";
import { openingPassage } from "../../core/text.js";
import type { MonthCounts, ScoredMatches, SearchHit, SearchRequest, SearchResult } from "../store.js";
import {
  abstractLexemes,
  abstractSnippet,
  highlightColumns,
  highlightTerms,
  highlightTitle,
  type TextLexemes,
} from "./fts5-marks.js";
import {
  PG_LISTED,
  PG_PAPER_COLUMNS,
  type PgCountedRow,
  type PgPaperRow,
  pgCountedPage,
  pgRowToPaper,
} from "./paper-row.js";
import { entryTsQuery, type TermEntry, type TermStatistics } from "./term-statistics.js";
import { inTransaction } from "./transaction.js";

/** Numbered parameters for one statement: `add` returns the placeholder of a new value. */
export class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** FTS5's bm25 constants. */
const K1 = 1.2;
const B = 0.75;
/**
 * FTS5's column weights (title 3, abstract 1, authors 1) over 3, as ts_rank_cd's {D, C, B, A} weights
 * (they must lie in [0, 1]); every lexeme is weighted, so D never occurs.
 */
const HIT_WEIGHTS = "'{0, 0.33333334, 0.33333334, 1}'";

/** The words, phrases and author-filter words BM25 scores, in FTS5's order of a query's phrases. */
function termEntries(query: SearchQuery): TermEntry[] {
  return [
    ...query.terms.map((text) => ({ text, kind: "word" as const })),
    ...query.phrases.map((words) => ({ text: words.join(" "), kind: "phrase" as const })),
    ...[...new Set(query.filters.authors.flat())].map((text) => ({ text, kind: "author" as const })),
  ];
}

/**
 * FTS5's bm25 as SQL: Σ idf · f · (k1 + 1) / (f + k1 · (1 − b + b · |D| / avgdl)) over the query's
 * entries, where f is the entry's hits weighted by column. For a one-word (or one-phrase) tsquery,
 * ts_rank_cd without normalisation is exactly Σ over hits of the hit's weight, each hit a cover of
 * its own; times 3 and rounded, that is FTS5's weighted count.
 */
async function rankSql(
  terms: QueryTerms,
  statistics: TermStatistics,
  params: Parameters,
  columns: { vector: string; length: string },
): Promise<string> {
  // One after the other: the frequencies need the corpus statistics, which the first call caches.
  const { averageLength } = await statistics.corpusStatistics();
  const idfs = await statistics.inverseFrequencies(terms.entries);
  const lengthFactor = (K1 * B) / Math.max(averageLength, 1);
  const saturation = `(${params.add(K1 * (1 - B))}::float8 + ${params.add(lengthFactor)}::float8 * ${columns.length})`;
  return terms.tsQueries
    .map((tsQuery, i) => {
      const hits = `round(3 * ts_rank_cd(${HIT_WEIGHTS}, ${columns.vector}, ${tsQuery}, 0))`;
      // idf · f · (k1 + 1) / (f + K) as idf · (k1 + 1) · (1 − K / (f + K)): f computed once.
      return `${params.add(idfs[i]! * (K1 + 1))}::float8 * (1 - ${saturation} / (${hits} + ${saturation}))`;
    })
    .join(" + ");
}

const ORDER_BY: Record<SearchSort, string> = {
  relevance: "score DESC, key DESC",
  date: "day DESC, key DESC",
  upvotes: "upvotes DESC, day DESC, key DESC",
};

const LEADING_PASSAGE_CHARS = 300;
const COLUMNS = PG_PAPER_COLUMNS.map((column) => `p.${column}`).join(", ");

interface SearchRow extends PgPaperRow {
  score: number;
  title_lexemes: TextLexemes | null;
  abstract_lexemes: TextLexemes | null;
  abstract_from: number;
  query_lexemes: string[] | null;
}

/** The query's entries and each one's tsquery as SQL, its words added to the statement's parameters once. */
interface QueryTerms {
  entries: TermEntry[];
  tsQueries: string[];
}

function queryTerms(query: SearchQuery, params: Parameters): QueryTerms {
  const entries = termEntries(query);
  return { entries, tsQueries: entries.map((entry) => entryTsQuery(entry, (value) => params.add(value))) };
}

/**
 * The match as one tsquery, from the entries' own (so the score reuses their parameters): every word
 * or any word, author-filter words always (they must occur among the author lexemes, weight C; the
 * exact name check follows in the filters), exclusions never. Null when nothing positive is left.
 */
function matchSql(
  terms: QueryTerms,
  excluded: string[],
  matchAll: boolean,
  params: Parameters,
): string | null {
  const positives = terms.tsQueries.filter((_, i) => terms.entries[i]!.kind !== "author");
  const authorWords = terms.tsQueries.filter((_, i) => terms.entries[i]!.kind === "author");
  if (positives.length === 0 && authorWords.length === 0) return null;
  const parts: string[] = [];
  if (positives.length > 0) parts.push(`(${positives.join(matchAll ? " && " : " || ")})`);
  parts.push(...authorWords.map((part) => `(${part})`));
  const exclusions = excluded.map((term) => ` && !!plainto_tsquery('paperpulse', ${params.add(term)})`);
  return `${parts.join(" && ")}${exclusions.join("")}`;
}

/**
 * The tsquery of a parsed query as SQL, every word passed as a parameter (plainto/phraseto_tsquery
 * read it as text, never as tsquery syntax). Null when nothing positive is left.
 */
export function tsQuerySql(query: SearchQuery, matchAll: boolean, params: Parameters): string | null {
  return matchSql(queryTerms(query, params), query.excluded, matchAll, params);
}

/**
 * The query's names with symbols (C++), held or not by the title or abstract as written, case aside,
 * as core's `holdsLiterals` checks them: the index drops the symbols, so the rows the match finds by
 * the name's letters are checked.
 */
function literalClauses(query: SearchQuery, params: Parameters): string[] {
  const holds = (name: string) => {
    // The names hold no LIKE wildcard (core's SYMBOL_NAME) and are ASCII, whose case ILIKE folds.
    const pattern = params.add(`%${name}%`);
    return `(p.title ILIKE ${pattern} OR p.abstract ILIKE ${pattern})`;
  };
  return [...query.literals.map(holds), ...query.excludedLiterals.map((name) => `NOT ${holds(name)}`)];
}

/** The same filter rules as core/search-filters `matchesFilters`, over `papers p`, and the query's literals. */
function filtersSql(query: SearchQuery, params: Parameters): string {
  const { filters } = query;
  const clauses: string[] = [];
  if (filters.from !== null) clauses.push(`p.day >= ${params.add(filters.from)}`);
  if (filters.to !== null) clauses.push(`p.day <= ${params.add(filters.to)}`);
  if (filters.categories.length > 0) {
    // Any of the codes the filter covers, which the GIN index on categories answers (migration 16).
    clauses.push(`p.categories ?| ${params.add(categoriesCoveredBy(filters.categories))}::text[]`);
  }
  for (const words of filters.authors) {
    // Some one author's words hold them all: JSON containment of the list in a list of lists, which the
    // GIN index on author_words answers (migration 20).
    clauses.push(`p.author_words @> ${params.add(JSON.stringify([words]))}::jsonb`);
  }
  clauses.push(...literalClauses(query, params));
  return clauses.length > 0 ? clauses.join(" AND ") : "TRUE";
}

/**
 * The filters of a query without words to match, its excluded words included: no tsquery carries
 * them then.
 */
function wordlessFiltersSql(query: SearchQuery, params: Parameters): string {
  const filters = filtersSql(query, params);
  if (query.excluded.length === 0) return filters;
  const excluded = query.excluded.map((term) => `plainto_tsquery('paperpulse', ${params.add(term)})`);
  return `${filters} AND NOT p.search_vector @@ (${excluded.join(" || ")})`;
}

/** Full-text search with tsvector/GIN: the PostgreSQL side of the store's `search`. */
export async function searchPostgres(
  pool: pg.Pool,
  rankingLimit: number,
  terms: TermStatistics,
  request: SearchRequest,
): Promise<SearchResult> {
  const result = await searchOnce(pool, rankingLimit, terms, request);
  if (!request.monthCounts || result.monthCounts) return result;
  return {
    ...result,
    monthCounts: await searchMonthCountsPostgres(pool, rankingLimit, terms, request.query),
  };
}

async function searchOnce(
  pool: pg.Pool,
  rankingLimit: number,
  terms: TermStatistics,
  request: SearchRequest,
): Promise<SearchResult> {
  const sort = request.sort ?? "relevance";
  // All words first; when no paper has them all, any word.
  if (termEntries(request.query).length === 0) return listFiltered(pool, rankingLimit, request, sort);
  for (const matchAll of [true, false]) {
    const result = await searchMatches(pool, rankingLimit, terms, request, sort, matchAll);
    if (result.total > 0 || !matchAll || !hasAnyWordFallback(request.query)) return result;
  }
  return emptyResult();
}

interface RankedMatches {
  keys: { key: string; score: number }[];
  total: number;
  truncated: boolean;
  /** When asked for: the ranked window's matches per month, as searchMonthCountsPostgres counts them. */
  monthCounts?: MonthCounts;
}

/** One month of NEWEST_MONTHS: [month, papers, upvotes]. */
type MonthRow = [string, number, number];

/** NEWEST_MONTHS of a window of `total` matches, as the store's MonthCounts. */
function monthCountsOf(rows: MonthRow[] | null, total: number, rankingLimit: number): MonthCounts {
  const months = (rows ?? []).map(([month, papers, upvotes]) => ({
    month,
    papers: Number(papers),
    upvotes: Number(upvotes),
  }));
  return { months, truncated: total >= rankingLimit };
}

/** [month, papers, upvotes] rows of the `newest` window, oldest month first (null when it is empty). */
const NEWEST_MONTHS = `(SELECT json_agg(json_build_array(month, papers, upvotes) ORDER BY month) FROM (
    SELECT substr(day, 1, 7) AS month, count(*) AS papers, sum(upvotes) AS upvotes FROM newest GROUP BY 1) m)`;

/** A slice of the newest papers is sized to hold this many times the ranking window's expected matches. */
const SLICE_MARGIN = 2.5;
/** A slice larger than this share of the corpus saves too little to risk a second statement. */
const LARGEST_SLICE = 0.3;

/**
 * How many papers a query matches, roughly, from its entries' document frequencies: one entry, its
 * own; any of several, at least the commonest one's; all of several, between the rarest one's (an upper
 * bound) and what independent words would give (their product: too low, since a query's words go
 * together), taken as the geometric mean of the two.
 */
function expectedMatches(frequencies: number[], papers: number, matchAll: boolean): number {
  const rarest = Math.min(...frequencies);
  if (!matchAll) return Math.max(...frequencies);
  const independent = frequencies.reduce((product, df) => (product * df) / Math.max(papers, 1), papers);
  return Math.sqrt(rarest * independent);
}

/**
 * The lowest key of the newest papers that should hold a broad query's ranking window, or null to
 * look at every match (ADR 0025): sized from the expected matches and the planner's key histogram.
 * Filters and names such as C++ (checked on the text) can thin out the newest papers at will, so such
 * a query gets no slice.
 */
export async function newestSliceBound(
  statistics: TermStatistics,
  query: SearchQuery,
  matchAll: boolean,
  rankingLimit: number,
): Promise<string | null> {
  if (hasFilters(query.filters) || query.literals.length > 0) return null;
  const { keyHistogram, papers } = await statistics.corpusStatistics();
  if (keyHistogram === null) return null;
  const frequencies = await statistics.documentFrequencies(termEntries(query));
  const share = (SLICE_MARGIN * rankingLimit) / Math.max(expectedMatches(frequencies, papers, matchAll), 1);
  if (share > LARGEST_SLICE) return null;
  return keyHistogram[Math.floor((1 - share) * (keyHistogram.length - 1))]!;
}

/**
 * One statement ranks a match: the newest rankingLimit matches (keys follow arXiv order, so when a
 * query is broader, these are the ones ranked, as on SQLite), counted, then scored with BM25 and
 * ordered. The GIN bitmap finds the matches and their keys without reading a paper's vector, and
 * the newest are kept as row addresses (ctid), so the sort carries no vectors; each ranked paper's
 * vector is then read (decompressed) once for all its words, not once per word. The
 * plan is pinned: sequential scans off (testing every paper's vector against the query costs ten
 * times the bitmap), and the key order is `key + 0` so that walking the primary key backwards,
 * testing vectors as it goes, is no option either. With `page.monthCounts`, the window's matches are
 * also counted per month from the rows the bitmap scan read anyway.
 *
 * With `newestFrom`, a broad query looks only at papers from that key up, so the heap reads only
 * their matches; when the slice holds fewer than rankingLimit matches, the statement runs again over
 * every paper, so the window is always exactly the newest rankingLimit matches.
 */
async function rankMatchesSql(
  pool: pg.Pool,
  rankingLimit: number,
  statistics: TermStatistics,
  terms: QueryTerms,
  where: string,
  params: Parameters,
  page: { sort: SearchSort; limit: number; offset: number; monthCounts?: boolean; newestFrom: string | null },
): Promise<RankedMatches> {
  const score = await rankSql(terms, statistics, params, {
    vector: "read.vector",
    length: "p.search_length",
  });
  const order = ORDER_BY[page.sort];
  const limits = {
    window: params.add(rankingLimit),
    limit: params.add(page.limit),
    offset: params.add(page.offset),
  };
  // The page's own order numbers its rows (a handful, sorted again), so the outer select can keep it.
  const months = page.monthCounts ?? false;
  const statement = (slice: string) => `WITH newest AS MATERIALIZED (
      SELECT p.key, p.ctid AS row${months ? ", p.day, p.upvotes" : ""} FROM papers p
      WHERE ${where}${slice} ORDER BY p.key + 0 DESC LIMIT ${limits.window})
    SELECT counted.total${months ? ", counted.months" : ""}, ranked.key, ranked.score
    FROM (SELECT count(*) AS total${months ? `, ${NEWEST_MONTHS} AS months` : ""} FROM newest) AS counted
    LEFT JOIN LATERAL (
      SELECT page.key, page.score, row_number() OVER (ORDER BY ${order}) AS position FROM (
        SELECT p.key, ${score} AS score, p.day, p.upvotes
        FROM newest n JOIN papers p ON p.ctid = n.row
        CROSS JOIN LATERAL (SELECT p.search_vector || ''::tsvector AS vector OFFSET 0) AS read
        ORDER BY ${order.replaceAll(/\b(day|upvotes|key)\b/g, "p.$1")}
        LIMIT ${limits.limit} OFFSET ${limits.offset}) AS page) AS ranked ON TRUE
    ORDER BY ranked.position`;
  const run = (newestFrom: string | null) =>
    inTransaction(
      pool,
      async (client) =>
        (
          await client.query<{
            total: string;
            months?: MonthRow[] | null;
            key: string | null;
            score: number | null;
          }>(
            newestFrom === null ? statement("") : statement(` AND p.key >= $${params.values.length + 1}`),
            newestFrom === null ? params.values : [...params.values, newestFrom],
          )
        ).rows,
      "",
      { enable_seqscan: "off" },
    );
  let rows = await run(page.newestFrom);
  if (page.newestFrom !== null && Number(rows[0]?.total ?? 0) < rankingLimit) rows = await run(null);
  const total = Number(rows[0]?.total ?? 0);
  const keys = rows.flatMap((row) => (row.key === null ? [] : [{ key: row.key, score: Number(row.score) }]));
  const truncated = total >= rankingLimit;
  if (!months) return { keys, total, truncated };
  return { keys, total, truncated, monthCounts: monthCountsOf(rows[0]?.months ?? null, total, rankingLimit) };
}

/**
 * A row as a hit, marked as FTS5 marks it; where the tiers' words do not line up (none of 13,912 real
 * papers), the title unmarked and the abstract's opening, as a listing without words shows them.
 */
function toHit(row: SearchRow, query: SearchQuery): SearchHit {
  const terms = highlightTerms(query, row.query_lexemes);
  return {
    paper: pgRowToPaper(row),
    score: Number(row.score),
    titleHighlighted: highlightTitle(row.title, row.title_lexemes, terms) ?? row.title,
    abstractSnippet:
      abstractSnippet(row.abstract, abstractLexemes(row.abstract_lexemes, row.abstract_from), terms) ??
      openingPassage(row.abstract, LEADING_PASSAGE_CHARS),
  };
}

/** Matches per month: the PostgreSQL side of the store's `searchMonthCounts`, bounded like search. */
export async function searchMonthCountsPostgres(
  pool: pg.Pool,
  rankingLimit: number,
  statistics: TermStatistics,
  query: SearchQuery,
): Promise<MonthCounts> {
  for (const matchAll of [true, false]) {
    const params = new Parameters();
    const tsQuery = tsQuerySql(query, matchAll, params);
    if (tsQuery === null && !matchAll) break;
    const where =
      tsQuery === null
        ? `${wordlessFiltersSql(query, params)} AND ${PG_LISTED}`
        : `p.search_vector @@ (${tsQuery}) AND ${filtersSql(query, params)} AND ${PG_LISTED}`;
    // One pass over the newest matches. Words: found through the GIN index, as rankMatchesSql takes them
    // (`+ 0`), from a slice of the newest papers when they are many; filters alone: by walking the key
    // index backwards, which stops at the limit.
    const newestFirst = tsQuery === null ? "p.key DESC" : "p.key + 0 DESC";
    const window = params.add(rankingLimit);
    const run = async (newestFrom: string | null) => {
      const slice = newestFrom === null ? "" : ` AND p.key >= $${params.values.length + 1}`;
      const rows = await pool.query<{ total: string; months: MonthRow[] | null }>(
        `WITH newest AS MATERIALIZED (
           SELECT p.day, p.upvotes FROM papers p WHERE ${where}${slice} ORDER BY ${newestFirst} LIMIT ${window})
         SELECT (SELECT count(*) FROM newest) AS total, ${NEWEST_MONTHS} AS months`,
        newestFrom === null ? params.values : [...params.values, newestFrom],
      );
      const [row] = rows.rows;
      return monthCountsOf(row!.months, Number(row!.total), rankingLimit);
    };
    const newestFrom =
      tsQuery === null ? null : await newestSliceBound(statistics, query, matchAll, rankingLimit);
    let counted = await run(newestFrom);
    if (newestFrom !== null && !counted.truncated) counted = await run(null);
    if (counted.months.length > 0 || !matchAll || tsQuery === null || !hasAnyWordFallback(query))
      return counted;
  }
  return { months: [], truncated: false };
}

async function searchMatches(
  pool: pg.Pool,
  rankingLimit: number,
  statistics: TermStatistics,
  request: SearchRequest,
  sort: SearchSort,
  matchAll: boolean,
): Promise<SearchResult> {
  const params = new Parameters();
  const terms = queryTerms(request.query, params);
  const match = matchSql(terms, request.query.excluded, matchAll, params);
  if (match === null) return emptyResult();
  const where = `p.search_vector @@ (${match}) AND ${filtersSql(request.query, params)} AND ${PG_LISTED}`;
  const ranked = await rankMatchesSql(pool, rankingLimit, statistics, terms, where, params, {
    sort,
    limit: request.limit,
    offset: request.offset,
    monthCounts: request.monthCounts ?? false,
    newestFrom: await newestSliceBound(statistics, request.query, matchAll, rankingLimit),
  });
  const counted = ranked.monthCounts ? { monthCounts: ranked.monthCounts } : {};
  if (ranked.keys.length === 0)
    return { hits: [], total: ranked.total, truncated: ranked.truncated, ...counted };
  // Only the page is read whole and highlighted.
  const page = new Parameters();
  const keys = page.add(ranked.keys.map((entry) => entry.key));
  const rows = await pool.query<Omit<SearchRow, "score"> & { row_key: string }>(
    `SELECT ${COLUMNS}, p.key AS row_key, ${highlightColumns(request.query, page)}
     FROM papers p WHERE p.key = ANY(${keys}::bigint[])`,
    page.values,
  );
  const byKey = new Map(rows.rows.map((row) => [String(row.row_key), row]));
  const hits = ranked.keys.flatMap(({ key, score }) => {
    const row = byKey.get(key);
    return row ? [toHit({ ...row, score }, request.query)] : [];
  });
  return { hits, total: ranked.total, truncated: ranked.truncated, ...counted };
}

/**
 * Ids and ranks of the query's best matches, as `searchPostgres` ranks them (see PaperStore.rankMatches);
 * `withMonthCounts`: with the matches per month, counted in the same statement.
 */
export async function rankPostgresMatches(
  pool: pg.Pool,
  rankingLimit: number,
  statistics: TermStatistics,
  query: SearchQuery,
  limit: number,
  withMonthCounts = false,
): Promise<ScoredMatches> {
  const ranked = await rankOnce(pool, rankingLimit, statistics, query, limit, withMonthCounts);
  if (!withMonthCounts || ranked.monthCounts) return ranked;
  return { ...ranked, monthCounts: await searchMonthCountsPostgres(pool, rankingLimit, statistics, query) };
}

async function rankOnce(
  pool: pg.Pool,
  rankingLimit: number,
  statistics: TermStatistics,
  query: SearchQuery,
  limit: number,
  withMonthCounts: boolean,
): Promise<ScoredMatches> {
  for (const matchAll of [true, false]) {
    const params = new Parameters();
    const terms = queryTerms(query, params);
    const match = matchSql(terms, query.excluded, matchAll, params);
    if (match === null) break;
    const where = `p.search_vector @@ (${match}) AND ${filtersSql(query, params)} AND ${PG_LISTED}`;
    const ranked = await rankMatchesSql(pool, rankingLimit, statistics, terms, where, params, {
      sort: "relevance",
      limit,
      offset: 0,
      monthCounts: withMonthCounts,
      newestFrom: await newestSliceBound(statistics, query, matchAll, rankingLimit),
    });
    if (ranked.total === 0 && matchAll && hasAnyWordFallback(query)) continue;
    const matches = ranked.keys.map((entry) => ({
      paperId: arxivIdFromOrdinal(Number(entry.key)),
      score: entry.score,
    }));
    const counted = ranked.monthCounts ? { monthCounts: ranked.monthCounts } : {};
    return { matches, total: ranked.total, truncated: ranked.truncated, everyWord: matchAll, ...counted };
  }
  return { matches: [], total: 0, truncated: false, everyWord: true };
}

/** Of these papers, those holding every quoted phrase and none of the excluded words (see PaperStore). */
export async function keepPostgresPhrasesAndExclusions(
  pool: pg.Pool,
  query: SearchQuery,
  paperIds: string[],
): Promise<string[]> {
  if (paperIds.length === 0 || (query.phrases.length === 0 && query.excluded.length === 0)) return paperIds;
  const params = new Parameters();
  const keys = params.add(paperIds.map(arxivIdOrdinal));
  const conditions = [
    ...query.phrases.map(
      (words) => `p.search_vector @@ phraseto_tsquery('paperpulse', ${params.add(words.join(" "))})`,
    ),
    ...query.excluded.map(
      (term) => `NOT p.search_vector @@ plainto_tsquery('paperpulse', ${params.add(term)})`,
    ),
  ];
  const rows = await pool.query<{ key: string }>(
    `SELECT p.key FROM papers p WHERE p.key = ANY(${keys}::bigint[]) AND ${conditions.join(" AND ")}`,
    params.values,
  );
  const kept = new Set(rows.rows.map((row) => Number(row.key)));
  return paperIds.filter((id) => kept.has(arxivIdOrdinal(id)));
}

/** These papers highlighted for the query's words, in the order given (see PaperStore.highlightPapers). */
export async function highlightPostgresPapers(
  pool: pg.Pool,
  query: SearchQuery,
  paperIds: string[],
): Promise<SearchHit[]> {
  const params = new Parameters();
  const tsQuery = tsQuerySql(query, false, params);
  if (tsQuery === null || paperIds.length === 0) return [];
  const keys = params.add(paperIds.map((id) => String(arxivIdOrdinal(id))));
  const rows = await pool.query<SearchRow>(
    `SELECT ${COLUMNS}, 0 AS score, ${highlightColumns(query, params)}
     FROM papers p WHERE p.key = ANY(${keys}::bigint[]) AND p.search_vector @@ (${tsQuery})`,
    params.values,
  );
  const hits = new Map(rows.rows.map((row) => [row.id, toHit(row, query)]));
  return paperIds.flatMap((id) => hits.get(id) ?? []);
}

/** Those of these papers that hold the query's words, every one or any (see PaperStore.holdingWords). */
export async function postgresPapersHoldingWords(
  pool: pg.Pool,
  query: SearchQuery,
  paperIds: string[],
  everyWord: boolean,
): Promise<string[]> {
  const params = new Parameters();
  const tsQuery = tsQuerySql(query, everyWord, params);
  if (tsQuery === null || paperIds.length === 0) return [];
  const keys = params.add(paperIds.map((id) => String(arxivIdOrdinal(id))));
  const rows = await pool.query<{ id: string }>(
    `SELECT p.id FROM papers p WHERE p.key = ANY(${keys}::bigint[]) AND p.search_vector @@ (${tsQuery})`,
    params.values,
  );
  const holding = new Set(rows.rows.map((row) => row.id));
  return paperIds.filter((id) => holding.has(id));
}

async function listFiltered(
  pool: pg.Pool,
  rankingLimit: number,
  request: SearchRequest,
  sort: SearchSort,
): Promise<SearchResult> {
  const params = new Parameters();
  const where = `${wordlessFiltersSql(request.query, params)} AND ${PG_LISTED}`;
  const order = sort === "upvotes" ? ORDER_BY.upvotes : ORDER_BY.date;
  // One statement (one snapshot, one round trip): the capped count and the page's keys come from the
  // papers_by_day_order index where the filters are days and categories (both in it), and only the
  // page's own rows are read; the count's row is there even when the page is past the end.
  const page = await pool.query<PgCountedRow>(
    `SELECT counted.n AS counted, ${COLUMNS}
     FROM (SELECT count(*) AS n FROM (
       SELECT 1 FROM papers p WHERE ${where} LIMIT ${params.add(rankingLimit + 1)}) AS capped) AS counted
     LEFT JOIN (
       (SELECT p.key, p.day, p.upvotes FROM papers p WHERE ${where}
        ORDER BY ${order.replaceAll(/\b(day|upvotes|key)\b/g, "p.$1")}
        LIMIT ${params.add(request.limit)} OFFSET ${params.add(request.offset)}) AS page
       JOIN papers p ON p.key = page.key) ON true
     ORDER BY ${order.replaceAll(/\b(day|upvotes|key)\b/g, "page.$1")}`,
    params.values,
  );
  const { rows, counted } = pgCountedPage(page.rows);
  const truncated = counted > rankingLimit;
  const hits: SearchHit[] = rows.map((row) => {
    const paper = pgRowToPaper(row);
    return {
      paper,
      score: 0,
      titleHighlighted: paper.title,
      abstractSnippet: openingPassage(paper.abstract, LEADING_PASSAGE_CHARS),
    };
  });
  return { hits, total: truncated ? rankingLimit : counted, truncated };
}

function emptyResult(): SearchResult {
  return { hits: [], total: 0, truncated: false };
}
