import type Database from "better-sqlite3";
import { arxivIdFromOrdinal, arxivIdOrdinal } from "../../core/arxiv-id.js";
import { authorNameWords, type SearchSort } from "../../core/search-filters.js";
import {
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  hasAnyWordFallback,
  type SearchQuery,
} from "../../core/search-query.js";
import { openingPassage } from "../../core/text.js";
import type { MonthCounts, ScoredMatches, SearchHit, SearchRequest, SearchResult } from "../store.js";
import { allPhrasesMatch, anyExcludedMatch, type FtsQuery, toFtsMatch, toFtsQuery } from "./fts-query.js";
import { listedSql, PAPER_COLUMNS, type PaperRow, rowToPaper } from "./paper-row.js";
import { PhraseCounts } from "./phrase-counts.js";

/** Title matches weigh three times abstract and author matches. */
const BM25_WEIGHTS = "3.0, 1.0, 1.0";
/**
 * BM25 with the phrases' document frequencies given (ADR 0017): the same scores without the counting.
 * With @topK > 0 only rows that can be among the best @topK have a score, exact; the others are NULL
 * (ADR 0023). 0: every row is scored.
 */
const SCORE_GIVEN_COUNTS = `-bm25_given_df(papers_fts, @phraseCounts, @topK, ${BM25_WEIGHTS})`;
const SCORE_COUNTING = `-bm25(papers_fts, ${BM25_WEIGHTS})`;

const P_COLUMNS = PAPER_COLUMNS.split(", ")
  .map((column) => `p.${column}`)
  .join(", ");

/** Ties go to the newer paper; row keys follow arXiv order (ADR 0001). */
const ORDER_BY: Record<SearchSort, string> = {
  relevance: "score DESC, key DESC",
  date: "day DESC, key DESC",
  upvotes: "upvotes DESC, day DESC, key DESC",
};

/**
 * How many matches the ranking window holds, NULL-scored rows included. Counted once over the
 * materialized window: `count(*) OVER ()` would copy every row of it once more.
 */
const WINDOW_COUNT = "(SELECT count(*) FROM ranked)";

/** Characters of the abstract shown for a hit that matched no words (a filter-only search). */
const LEADING_PASSAGE_CHARS = 300;

interface SearchRow extends PaperRow {
  score: number;
  title_highlighted: string;
  abstract_snippet: string;
}

type Params = Record<string, string | number | bigint | Buffer>;

interface Matching {
  from: string;
  needsRows: boolean;
  params: Params;
}

const NO_CONDITION = "1";

interface FilterSql {
  where: string;
  params: Params;
  /**
   * Whether `where` reads only days, categories and the key, which the index by key carries (migration
   * 23): no author, no name with symbols.
   */
  coveredByKeyIndex: boolean;
}

/**
 * Filters as SQL over `papers p`. Categories are matched on the stored JSON text (`"cs.LG"` or a
 * `"cs.` prefix for an archive), which a scan does cheaply without a join table; author names are
 * checked exactly by `paper_has_authors` after the FTS author column has narrowed the candidates;
 * names with symbols (C++) by literalClauses.
 */
function filterSql(query: SearchQuery): FilterSql {
  const { filters } = query;
  const clauses: string[] = [];
  const params: Params = {};
  if (filters.from !== null) {
    clauses.push("p.day >= @from");
    params.from = filters.from;
  }
  if (filters.to !== null) {
    clauses.push("p.day <= @to");
    params.to = filters.to;
  }
  if (filters.categories.length > 0) {
    const alternatives = filters.categories.map((category, index) => {
      params[`category${index}`] = `"${category}"`;
      params[`archive${index}`] = `"${category}.`;
      return `instr(p.categories, @category${index}) > 0 OR instr(p.categories, @archive${index}) > 0`;
    });
    clauses.push(`(${alternatives.join(" OR ")})`);
  }
  if (filters.authors.length > 0) {
    clauses.push("paper_has_authors(p.authors, @authors)");
    params.authors = JSON.stringify(filters.authors);
  }
  clauses.push(...literalClauses(query, params));
  return {
    where: clauses.length > 0 ? clauses.join(" AND ") : NO_CONDITION,
    params,
    coveredByKeyIndex:
      filters.authors.length === 0 && query.literals.length + query.excludedLiterals.length === 0,
  };
}

/**
 * The query's names with symbols (C++), held or not by the title or abstract as written, case aside:
 * the index drops the symbols, so the rows the match finds by the name's letters are checked. LIKE,
 * which folds ASCII case only as core's `holdsLiterals` does, takes two thirds of the time of
 * instr(lower(…)): no copy of the abstract.
 */
function literalClauses(query: SearchQuery, params: Params): string[] {
  const holds = (name: string, index: number, prefix: string) => {
    // The names hold no LIKE wildcard (core's SYMBOL_NAME), and LIKE ignores ASCII case only.
    params[`${prefix}${index}`] = `%${name}%`;
    return `(p.title LIKE @${prefix}${index} OR p.abstract LIKE @${prefix}${index})`;
  };
  return [
    ...query.literals.map((name, index) => holds(name, index, "literal")),
    ...query.excludedLiterals.map((name, index) => `NOT ${holds(name, index, "unwanted")}`),
  ];
}

/**
 * The filters of a query without words to match, its excluded words included: no MATCH carries them
 * then, so the papers holding any are left out by key.
 */
function wordlessFilterSql(query: SearchQuery): FilterSql {
  const filters = filterSql(query);
  const excluded = anyExcludedMatch(query);
  if (excluded === null) return filters;
  const clause = "p.rowid NOT IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH @excluded)";
  return {
    where: filters.where === NO_CONDITION ? clause : `${filters.where} AND ${clause}`,
    params: { ...filters.params, excluded },
    coveredByKeyIndex: filters.coveredByKeyIndex,
  };
}

/** Lexical search over `papers_fts` with BM25 ranking, filters and sort orders. */
export class SqliteSearch {
  private readonly statements = new Map<string, Database.Statement>();
  /** Null without the search extension: bm25() then counts the phrases itself on every query. */
  private readonly phraseCounts: PhraseCounts | null;

  /** `countsGiven`: whether the connection has the search extension (see loadSearchExtension). */
  constructor(
    private readonly db: Database.Database,
    private readonly rankingLimit: number,
    countsGiven: boolean,
  ) {
    this.phraseCounts = countsGiven ? new PhraseCounts(db) : null;
    db.function("paper_has_authors", { deterministic: true }, (authorsJson: unknown, wantedJson: unknown) => {
      const names = (JSON.parse(String(authorsJson)) as string[]).map(
        (name) => new Set(authorNameWords(name)),
      );
      const wanted = JSON.parse(String(wantedJson)) as string[][];
      return wanted.every((words) => names.some((name) => words.every((word) => name.has(word)))) ? 1 : 0;
    });
  }

  /** `anyHidden`: whether to leave out papers a moderator hid (false when none is). */
  search(request: SearchRequest, anyHidden: boolean): SearchResult {
    const result = this.searchOnce(request, anyHidden);
    if (!request.monthCounts || result.monthCounts) return result;
    return { ...result, monthCounts: this.monthCounts(request.query, anyHidden) };
  }

  private searchOnce(request: SearchRequest, anyHidden: boolean): SearchResult {
    const filters = filterSql(request.query);
    const sort = request.sort ?? "relevance";
    // All words first; when no paper has them all, any word, ranked by BM25.
    for (const matchAll of [true, false]) {
      const fts = toFtsQuery(request.query, matchAll);
      if (fts === null)
        return matchAll
          ? this.listFiltered(request, wordlessFilterSql(request.query), sort, anyHidden)
          : emptyResult();
      const result = this.searchMatches(request, fts, filters, sort, anyHidden);
      if (result.total > 0 || !matchAll || !hasAnyWordFallback(request.query)) return result;
    }
    return emptyResult();
  }

  /**
   * Ids and BM25 scores of the query's best matches, as `search` ranks them (see PaperStore.rankMatches);
   * `withMonthCounts`: with the window's matches per month, counted in the same pass.
   */
  rankMatches(query: SearchQuery, limit: number, anyHidden: boolean, withMonthCounts = false): ScoredMatches {
    const ranked = this.rankOnce(query, limit, anyHidden, withMonthCounts);
    if (!withMonthCounts || ranked.monthCounts) return ranked;
    return { ...ranked, monthCounts: this.monthCounts(query, anyHidden) };
  }

  private rankOnce(
    query: SearchQuery,
    limit: number,
    anyHidden: boolean,
    withMonthCounts: boolean,
  ): ScoredMatches {
    const filters = filterSql(query);
    for (const matchAll of [true, false]) {
      const fts = toFtsQuery(query, matchAll);
      if (fts === null) break;
      const matching = this.matching(fts.match, filters, false, anyHidden);
      const score = this.score(fts, limit);
      const months = withMonthCounts ? `, ${windowMonthsSql("ranked", matching.needsRows)} AS months` : "";
      const rows = this.all<{ key: number; score: number; total: number; months?: string }>(
        `${this.rankedWindowSql(matching, score.sql)}
         SELECT key, score, ${WINDOW_COUNT} AS total${months} FROM ranked WHERE score IS NOT NULL
         ORDER BY ${ORDER_BY.relevance} LIMIT @limit`,
        { ...matching.params, ...score.params, cap: this.rankingLimit, limit },
      );
      const total = rows[0]?.total ?? 0;
      if (total === 0 && matchAll && hasAnyWordFallback(query)) continue;
      const matches = rows.map((row) => ({ paperId: arxivIdFromOrdinal(row.key), score: row.score }));
      const counted = rows[0]?.months;
      return {
        matches,
        total,
        truncated: total >= this.rankingLimit,
        everyWord: matchAll,
        ...(counted === undefined ? {} : { monthCounts: this.parseMonths(counted, total) }),
      };
    }
    return { matches: [], total: 0, truncated: false, everyWord: true };
  }

  /** These papers highlighted for the query's words, in the order given (see PaperStore.highlightPapers). */
  highlightPapers(query: SearchQuery, paperIds: string[]): SearchHit[] {
    const match = toFtsMatch(query, false);
    if (match === null || paperIds.length === 0) return [];
    // The listed keys drive the join: each is one FTS5 lookup by rowid, never a scan of the matches.
    const rows = this.all<SearchRow>(
      `SELECT ${P_COLUMNS}, 0 AS score,
         highlight(papers_fts, 0, @start, @end) AS title_highlighted,
         snippet(papers_fts, 1, @start, @end, '…', 40) AS abstract_snippet
       FROM json_each(@keys) AS wanted
       CROSS JOIN papers_fts ON papers_fts.rowid = wanted.value
       CROSS JOIN papers p ON p.rowid = wanted.value
       WHERE papers_fts MATCH @match`,
      {
        keys: JSON.stringify(paperIds.map(arxivIdOrdinal)),
        match,
        start: HIGHLIGHT_START,
        end: HIGHLIGHT_END,
      },
    );
    const hits = new Map(rows.map((row) => [row.id, toHit(row)]));
    return paperIds.flatMap((id) => hits.get(id) ?? []);
  }

  /** Those of these papers that hold the query's words, every one or any (see PaperStore.holdingWords). */
  holdingWords(query: SearchQuery, paperIds: string[], everyWord: boolean): string[] {
    const match = toFtsMatch(query, everyWord);
    if (match === null || paperIds.length === 0) return [];
    const holding = new Set(
      this.all<{ key: number }>(
        `SELECT wanted.value AS key FROM json_each(@keys) AS wanted
         CROSS JOIN papers_fts ON papers_fts.rowid = wanted.value WHERE papers_fts MATCH @match`,
        { keys: JSON.stringify(paperIds.map(arxivIdOrdinal)), match },
      ).map((row) => row.key),
    );
    return paperIds.filter((id) => holding.has(arxivIdOrdinal(id)));
  }

  /** Of these papers, those holding every quoted phrase and none of the excluded words (see PaperStore). */
  keepPhrasesAndExclusions(query: SearchQuery, paperIds: string[]): string[] {
    const phrases = allPhrasesMatch(query);
    const excluded = anyExcludedMatch(query);
    if (paperIds.length === 0 || (phrases === null && excluded === null)) return paperIds;
    const keys = JSON.stringify(paperIds.map(arxivIdOrdinal));
    // Each listed key is one FTS5 lookup by rowid, as in highlightPapers: never a scan of the matches.
    const matching = (match: string) =>
      new Set(
        this.all<{ key: number }>(
          `SELECT wanted.value AS key FROM json_each(@keys) AS wanted
           CROSS JOIN papers_fts ON papers_fts.rowid = wanted.value WHERE papers_fts MATCH @match`,
          { keys, match },
        ).map((row) => row.key),
      );
    const holding =
      phrases === null
        ? new Set(
            this.all<{ key: number }>(
              "SELECT p.rowid AS key FROM json_each(@keys) AS wanted CROSS JOIN papers p ON p.rowid = wanted.value",
              { keys },
            ).map((row) => row.key),
          )
        : matching(phrases);
    const excluding = excluded === null ? new Set<number>() : matching(excluded);
    return paperIds.filter((id) => {
      const key = arxivIdOrdinal(id);
      return holding.has(key) && !excluding.has(key);
    });
  }

  /** The FROM and WHERE of a match, reading papers rows only when a filter or the order needs them. */
  private matching(match: string, filters: FilterSql, sortNeedsRows: boolean, anyHidden: boolean): Matching {
    const needsRows = filters.where !== NO_CONDITION || sortNeedsRows;
    // Checked on the index's row keys: no papers row is read for it.
    const listed = listedSql(anyHidden, "papers_fts.rowid");
    // Where the filters allow, a match is tested on the index by key, not in its row (a page per paper).
    const papers = filters.coveredByKeyIndex
      ? "papers p INDEXED BY papers_trend_by_key_with_categories"
      : "papers p";
    const from = needsRows
      ? `FROM papers_fts CROSS JOIN ${papers} ON p.rowid = papers_fts.rowid
         WHERE papers_fts MATCH @match AND ${filters.where} AND ${listed}`
      : `FROM papers_fts WHERE papers_fts MATCH @match AND ${listed}`;
    return { from, needsRows, params: { ...filters.params, match } };
  }

  /**
   * Matches per month, over the newest `rankingLimit` of them as search ranks (`anyHidden`: whether to
   * leave out papers a moderator hid). One descending pass, as the ranking window takes them: FTS5
   * stops at the limit, where a `rowid >=` bound would make it walk every older match first.
   */
  monthCounts(query: SearchQuery, anyHidden: boolean): MonthCounts {
    const filters = filterSql(query);
    for (const matchAll of [true, false]) {
      const match = toFtsMatch(query, matchAll);
      if (match === null && !matchAll) break;
      const matchFilters = match === null ? wordlessFilterSql(query) : filters;
      const newest = this.newestMatches(match, matchFilters, anyHidden);
      const [row] = this.all<{ total: number; months: string }>(
        `WITH newest AS MATERIALIZED (${newest.sql})
         SELECT (SELECT count(*) FROM newest) AS total, ${windowMonthsSql("newest", newest.readsRows)} AS months`,
        match === null
          ? { ...matchFilters.params, cap: this.rankingLimit }
          : { ...matchFilters.params, match, cap: this.rankingLimit },
      );
      const counted = this.parseMonths(row!.months, row!.total);
      if (counted.months.length > 0 || !matchAll || match === null || !hasAnyWordFallback(query))
        return counted;
    }
    return { months: [], truncated: false };
  }

  /**
   * The newest `@cap` papers matching `match` (none: every paper) and the filters: their keys, with day
   * and upvotes where the filters read the papers rows anyway.
   */
  private newestMatches(
    match: string | null,
    filters: FilterSql,
    anyHidden: boolean,
  ): { sql: string; readsRows: boolean } {
    if (match === null)
      return {
        sql: `SELECT p.rowid AS key, p.day, p.upvotes FROM papers p
          WHERE ${filters.where} AND ${listedSql(anyHidden, "p.rowid")} ORDER BY p.rowid DESC LIMIT @cap`,
        readsRows: true,
      };
    const { from, needsRows } = this.matching(match, filters, false, anyHidden);
    const columns = needsRows ? "papers_fts.rowid AS key, p.day, p.upvotes" : "papers_fts.rowid AS key";
    return {
      sql: `SELECT ${columns} ${from} ORDER BY papers_fts.rowid DESC LIMIT @cap`,
      readsRows: needsRows,
    };
  }

  /**
   * A `ranked` table of the newest `@cap` matches with their scores. Row keys follow submission order,
   * so a broad query ranks only its newest matches; one pass over them both scores and counts them.
   *
   * Why the best `@topK` of this window are exact although most rows get no score (ADR 0023): FTS5
   * consumes the `ORDER BY rowid DESC` itself and stops at `LIMIT @cap`, so the ranking function is
   * called once for each row of the window and for no other match. It keeps the best @topK scores it
   * has seen; their lowest only rises, ending at the window's @topK-th best score, so a row it leaves
   * NULL scores below that. The rows it does score include every row of the best @topK, exactly.
   */
  private rankedWindowSql({ from, needsRows }: Matching, scoreSql: string): string {
    return `WITH ranked AS MATERIALIZED (
      SELECT papers_fts.rowid AS key, ${scoreSql} AS score${needsRows ? ", p.day, p.upvotes" : ""}
      ${from} ORDER BY papers_fts.rowid DESC LIMIT @cap)`;
  }

  private countWindow({ from, params }: Matching): number {
    return Number(
      this.pluck(`SELECT count(*) FROM (SELECT 1 ${from} LIMIT @cap)`, { ...params, cap: this.rankingLimit }),
    );
  }

  /**
   * The relevance score's SQL and its parameters for this query, when only the `topK` best scores are
   * used (0: every score is shown).
   */
  private score(fts: FtsQuery, topK: number): { sql: string; params: Params } {
    if (this.phraseCounts === null) return { sql: SCORE_COUNTING, params: {} };
    return {
      sql: SCORE_GIVEN_COUNTS,
      params: { phraseCounts: this.phraseCounts.documentFrequencies(fts.phrases), topK },
    };
  }

  private searchMatches(
    request: SearchRequest,
    fts: FtsQuery,
    filters: FilterSql,
    sort: SearchSort,
    anyHidden: boolean,
  ) {
    const matching = this.matching(fts.match, filters, sort !== "relevance", anyHidden);
    // Hits in a date or upvote order show their scores too: then every one is exact.
    const score = this.score(fts, sort === "relevance" ? request.offset + request.limit : 0);
    // Rank first, then highlight only the page of hits: highlight() on every match is costly.
    const months = request.monthCounts ? `, ${windowMonthsSql("ranked", matching.needsRows)} AS months` : "";
    const rows = this.all<SearchRow & { total: number; months?: string }>(
      `${this.rankedWindowSql(matching, score.sql)},
       page AS MATERIALIZED (
         SELECT *, ${WINDOW_COUNT} AS total FROM ranked WHERE score IS NOT NULL
         ORDER BY ${ORDER_BY[sort]} LIMIT @limit OFFSET @offset)
       SELECT ${P_COLUMNS}, page.score, page.key, page.total${months},
         highlight(papers_fts, 0, @start, @end) AS title_highlighted,
         snippet(papers_fts, 1, @start, @end, '…', 40) AS abstract_snippet
       FROM page CROSS JOIN papers_fts ON papers_fts.rowid = page.key CROSS JOIN papers p ON p.rowid = page.key
       WHERE papers_fts MATCH @match ORDER BY ${ORDER_BY[sort].replaceAll(/\b(score|day|upvotes|key)\b/g, "page.$1")}`,
      {
        ...matching.params,
        ...score.params,
        cap: this.rankingLimit,
        limit: request.limit,
        offset: request.offset,
        start: HIGHLIGHT_START,
        end: HIGHLIGHT_END,
      },
    );
    // A page past the last match has no row to carry the count: counting them is then a query of its own.
    const total = rows[0]?.total ?? (request.offset > 0 ? this.countWindow(matching) : 0);
    if (total === 0) return emptyResult();
    const counted = rows[0]?.months;
    return {
      hits: rows.map(toHit),
      total,
      truncated: total >= this.rankingLimit,
      ...(counted === undefined ? {} : { monthCounts: this.parseMonths(counted, total) }),
    };
  }

  /** Months as `windowMonthsSql` gives them, for a window of `total` matches. */
  private parseMonths(json: string, total: number): MonthCounts {
    const months = (JSON.parse(json) as [string, number, number][]).map(([month, papers, upvotes]) => ({
      month,
      papers,
      upvotes,
    }));
    return { months, truncated: total >= this.rankingLimit };
  }

  /** A search with filters but no words: the matching papers, newest first unless upvotes are asked for. */
  private listFiltered(
    request: SearchRequest,
    filters: FilterSql,
    sort: SearchSort,
    anyHidden: boolean,
  ): SearchResult {
    const listed = listedSql(anyHidden, "p.rowid");
    const order = sort === "upvotes" ? ORDER_BY.upvotes : ORDER_BY.date;
    const { counted, months } = this.countFiltered(filters, listed, request.monthCounts ?? false);
    const truncated = counted > this.rankingLimit;
    // The page is chosen on an index that carries categories (by date: the period index; by upvotes:
    // migration 23's), then only its rows are read.
    const rows = this.all<PaperRow>(
      `WITH page AS MATERIALIZED (
         SELECT p.rowid AS key, p.day, p.upvotes FROM papers p WHERE ${filters.where} AND ${listed}
         ORDER BY ${order} LIMIT @limit OFFSET @offset)
       SELECT ${P_COLUMNS} FROM page JOIN papers p ON p.rowid = page.key
       ORDER BY ${order.replaceAll(/\b(day|upvotes|key)\b/g, "page.$1")}`,
      { ...filters.params, limit: request.limit, offset: request.offset },
    );
    const hits: SearchHit[] = rows.map((row) => {
      const paper = rowToPaper(row);
      return {
        paper,
        score: 0,
        titleHighlighted: paper.title,
        abstractSnippet: openingPassage(paper.abstract, LEADING_PASSAGE_CHARS),
      };
    });
    const result = { hits, total: truncated ? this.rankingLimit : counted, truncated };
    return months === null ? result : { ...result, monthCounts: months };
  }

  /**
   * A filter-only search's matches, up to rankingLimit + 1; `byMonth`: with the months of the newest
   * rankingLimit of them, as monthCounts takes them, counted in the same walk: newest first by key, on
   * an index that carries day, upvotes and categories (migration 23), so no paper's row is read unless
   * the filters need it (authors, names with symbols).
   */
  private countFiltered(
    filters: FilterSql,
    listed: string,
    byMonth: boolean,
  ): { counted: number; months: MonthCounts | null } {
    const params = { ...filters.params, over: this.rankingLimit + 1 };
    if (!byMonth) {
      const matches = `SELECT 1 FROM papers p WHERE ${filters.where} AND ${listed} LIMIT @over`;
      return { counted: Number(this.pluck(`SELECT count(*) FROM (${matches})`, params)), months: null };
    }
    const [row] = this.all<{ counted: number; months: string }>(
      `WITH walked AS MATERIALIZED (
         SELECT p.rowid AS key, p.day, p.upvotes FROM papers p WHERE ${filters.where} AND ${listed}
         ORDER BY p.rowid DESC LIMIT @over),
       newest AS (SELECT key, day, upvotes FROM walked ORDER BY key DESC LIMIT @cap)
       SELECT (SELECT count(*) FROM walked) AS counted, ${windowMonthsSql("newest", true)} AS months`,
      { ...params, cap: this.rankingLimit },
    );
    const counted = row!.counted;
    return { counted, months: this.parseMonths(row!.months, Math.min(counted, this.rankingLimit)) };
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private pluck(sql: string, params: Params): unknown {
    return this.statement(sql).pluck().get(params);
  }

  private all<Row>(sql: string, params: Params): Row[] {
    return this.statement(sql).pluck(false).all(params) as Row[];
  }
}

function toHit(row: SearchRow): SearchHit {
  return {
    paper: rowToPaper(row),
    score: row.score,
    titleHighlighted: row.title_highlighted,
    abstractSnippet: row.abstract_snippet,
  };
}

/**
 * A window's matches per month as JSON [[month, papers, upvotes], …], oldest month first: the `ranked`
 * window of a search or the `newest` one of `monthCounts`, each with a `key` column. Uncorrelated, so
 * evaluated once per statement. Day and upvotes come from the window where it read the papers rows,
 * else from their index by key (migrations 20 and 23): hundreds of papers to a page, where each
 * paper's row is a page of its own.
 */
function windowMonthsSql(window: "ranked" | "newest", windowHasRows: boolean): string {
  const rows = windowHasRows
    ? `${window} w`
    : `${window} CROSS JOIN papers w INDEXED BY papers_trend_by_key_with_categories ON w.rowid = ${window}.key`;
  return `(SELECT json_group_array(json_array(month, papers, upvotes)) FROM (
    SELECT substr(w.day, 1, 7) AS month, count(*) AS papers, sum(w.upvotes) AS upvotes FROM ${rows}
    GROUP BY month ORDER BY month))`;
}

function emptyResult(): SearchResult {
  return { hits: [], total: 0, truncated: false };
}
