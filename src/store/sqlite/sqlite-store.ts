import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Paper, PaperInput } from "../../core/paper.js";
import { HIGHLIGHT_END, HIGHLIGHT_START } from "../../core/search-query.js";
import type {
  CategoryDayCount,
  DayCount,
  DayNeighbours,
  IngestRun,
  IngestRunStatus,
  Listing,
  ListingsResult,
  PaperListQuery,
  PaperPage,
  PaperStore,
  SearchRequest,
  SearchResult,
  SourceState,
  StaleRule,
  UpsertResult,
  WriteOptions,
} from "../store.js";
import { toFtsMatch } from "./fts-query.js";
import { migrate } from "./migrate.js";
import { PAPER_COLUMNS, type PaperRow, rowToPaper } from "./paper-row.js";
import { PaperWrites } from "./paper-writes.js";

/** Ties go to the newer paper; row keys follow arXiv order (ADR 0001). */
const ORDER_BY = {
  upvotes: ["upvotes DESC", "published_at DESC NULLS LAST", "rowid DESC"],
  date: ["day DESC", "published_at DESC NULLS LAST", "rowid DESC"],
} as const;

/**
 * A period's page of papers. The page is chosen on the covering (day, upvotes, published_at) index
 * alone, then only its rows are read: sorting a month's full rows (abstracts included) cost ~20 ms.
 */
function listInRangeSql(orderBy: readonly string[]): string {
  const columns = PAPER_COLUMNS.split(", ")
    .map((column) => `p.${column}`)
    .join(", ");
  return `WITH page AS MATERIALIZED (
      SELECT rowid, day, upvotes, published_at FROM papers WHERE day BETWEEN ? AND ?
      ORDER BY ${orderBy.join(", ")} LIMIT ? OFFSET ?)
    SELECT ${columns} FROM page JOIN papers p ON p.rowid = page.rowid
    ORDER BY ${orderBy.map((term) => `page.${term}`).join(", ")}`;
}

/** Title matches weigh three times abstract and author matches. */
const BM25_WEIGHTS = "3.0, 1.0, 1.0";

interface SearchParams {
  match: string;
  lowestKey: number;
  limit: number;
  offset: number;
  start: string;
  end: string;
}

interface IngestRunRow {
  id: string;
  source: string;
  started_at: string;
  finished_at: string | null;
  status: IngestRunStatus;
  summary: string;
  error: string | null;
}

interface SearchRow extends PaperRow {
  score: number;
  title_highlighted: string;
  abstract_snippet: string;
}

export interface SqliteStoreOptions {
  /** Broad queries rank only this many of their newest matches (see SearchResult.truncated). */
  rankingLimit?: number;
}

/** Opens (creating if needed) the embedded database and brings its schema up to date. */
export function openSqliteStore(databasePath: string, options: SqliteStoreOptions = {}): PaperStore {
  if (databasePath !== ":memory:") fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  // Waits for another process's write (a concurrent import or migration) instead of failing at once.
  const db = new Database(databasePath, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("cache_size = -65536");
  migrate(db);
  return new SqliteStore(db, options.rankingLimit ?? 10_000);
}

class SqliteStore implements PaperStore {
  private readonly statements;
  private readonly writes: PaperWrites;

  constructor(
    private readonly db: Database.Database,
    private readonly rankingLimit: number,
  ) {
    this.writes = new PaperWrites(db);
    const paperById = `SELECT rowid, ${PAPER_COLUMNS} FROM papers WHERE id = ?`;
    this.statements = {
      paperById: db.prepare<[string], PaperRow & { rowid: number }>(paperById),
      getCheckpoint: db
        .prepare<[string], number>("SELECT line FROM import_checkpoints WHERE key = ?")
        .pluck(),
      clearCheckpoint: db.prepare("DELETE FROM import_checkpoints WHERE key = ?"),
      getSourceState: db.prepare<[string], string>("SELECT value FROM source_state WHERE key = ?").pluck(),
      latestDay: db.prepare<[], string | null>("SELECT max(day) FROM papers").pluck(),
      previousDay: db.prepare<[string], string | null>("SELECT max(day) FROM papers WHERE day < ?").pluck(),
      nextDay: db.prepare<[string], string | null>("SELECT min(day) FROM papers WHERE day > ?").pluck(),
      countPapers: db.prepare<[], number>("SELECT count(*) FROM papers").pluck(),
      recordIngestRun: db.prepare(
        `INSERT INTO ingest_runs (id, source, started_at, finished_at, status, summary, error)
         VALUES (@id, @source, @startedAt, @finishedAt, @status, @summary, @error)
         ON CONFLICT (id) DO UPDATE SET finished_at = excluded.finished_at, status = excluded.status,
           summary = excluded.summary, error = excluded.error`,
      ),
      recentIngestRuns: db.prepare<[number], IngestRunRow>(
        "SELECT id, source, started_at, finished_at, status, summary, error FROM ingest_runs ORDER BY started_at DESC, rowid DESC LIMIT ?",
      ),
      papersPerDay: db.prepare<[string, string], DayCount>(
        "SELECT day, count(*) AS papers FROM papers WHERE day BETWEEN ? AND ? GROUP BY day ORDER BY day",
      ),
      papersPerCategoryDay: db.prepare<[string, string], CategoryDayCount>(
        `SELECT day, coalesce(json_extract(categories, '$[0]'), '') AS category, count(*) AS papers
         FROM papers WHERE day BETWEEN ? AND ? GROUP BY day, category ORDER BY day, category`,
      ),
      countInRange: db
        .prepare<[string, string], number>("SELECT count(*) FROM papers WHERE day BETWEEN ? AND ?")
        .pluck(),
      listInRange: {
        upvotes: db.prepare<[string, string, number, number], PaperRow>(listInRangeSql(ORDER_BY.upvotes)),
        date: db.prepare<[string, string, number, number], PaperRow>(listInRangeSql(ORDER_BY.date)),
      },
      papersAfter: db.prepare<[string, number], PaperRow>(
        `SELECT ${PAPER_COLUMNS} FROM papers WHERE id > ? ORDER BY id LIMIT ?`,
      ),
      countMatches: db
        .prepare<[string], number>("SELECT count(*) FROM papers_fts WHERE papers_fts MATCH ?")
        .pluck(),
      nthNewestMatch: db
        .prepare<[string, number], number>(
          "SELECT rowid FROM papers_fts WHERE papers_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
        )
        .pluck(),
      // Rank first, then highlight only the page of hits: highlight() on every match is costly.
      search: db.prepare<SearchParams, SearchRow>(
        `WITH page AS MATERIALIZED (
           SELECT rowid AS key, -bm25(papers_fts, ${BM25_WEIGHTS}) AS score FROM papers_fts
           WHERE papers_fts MATCH @match AND rowid >= @lowestKey ORDER BY score DESC LIMIT @limit OFFSET @offset)
         SELECT ${PAPER_COLUMNS.split(", ")
           .map((c) => `p.${c}`)
           .join(", ")}, page.score,
           highlight(papers_fts, 0, @start, @end) AS title_highlighted,
           snippet(papers_fts, 1, @start, @end, '…', 40) AS abstract_snippet
         FROM page JOIN papers_fts f ON f.rowid = page.key JOIN papers p ON p.rowid = page.key
         WHERE papers_fts MATCH @match ORDER BY page.score DESC`,
      ),
    };
  }

  async upsertPapers(papers: PaperInput[], options: WriteOptions = {}): Promise<UpsertResult> {
    return this.writes.upsertPapers(papers, options);
  }

  async addListings(listings: Listing[], options: WriteOptions = {}): Promise<ListingsResult> {
    return this.writes.addListings(listings, options);
  }

  async staleIds(rule: StaleRule): Promise<string[]> {
    return this.writes.staleIds(rule);
  }

  async getPaper(id: string): Promise<Paper | null> {
    const row = this.statements.paperById.get(id);
    return row ? rowToPaper(row) : null;
  }

  async listPapers(query: PaperListQuery): Promise<PaperPage> {
    // One read transaction, so the page and its total come from the same snapshot.
    return this.db.transaction(() => {
      const rows = this.statements.listInRange[query.sort].all(
        query.from,
        query.to,
        query.limit,
        query.offset,
      );
      const total = this.statements.countInRange.get(query.from, query.to) ?? 0;
      return { papers: rows.map(rowToPaper), total };
    })();
  }

  async latestDay(): Promise<string | null> {
    return this.statements.latestDay.get() ?? null;
  }

  async neighbourDays(day: string): Promise<DayNeighbours> {
    return {
      previous: this.statements.previousDay.get(day) ?? null,
      next: this.statements.nextDay.get(day) ?? null,
    };
  }

  async recordIngestRun(run: IngestRun): Promise<void> {
    this.statements.recordIngestRun.run({ ...run, summary: JSON.stringify(run.summary) });
  }

  async recentIngestRuns(limit: number): Promise<IngestRun[]> {
    return this.statements.recentIngestRuns.all(limit).map((row) => ({
      id: row.id,
      source: row.source,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      status: row.status,
      summary: JSON.parse(row.summary) as Record<string, unknown>,
      error: row.error,
    }));
  }

  async papersPerDay(from: string, to: string): Promise<DayCount[]> {
    return this.statements.papersPerDay.all(from, to);
  }

  async papersPerCategoryDay(from: string, to: string): Promise<CategoryDayCount[]> {
    return this.statements.papersPerCategoryDay.all(from, to);
  }

  async countPapers(): Promise<number> {
    return this.statements.countPapers.get() ?? 0;
  }

  async papersAfter(afterId: string | null, limit: number): Promise<Paper[]> {
    return this.statements.papersAfter.all(afterId ?? "", limit).map(rowToPaper);
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    // All words first; when no paper has them all, any word, ranked by BM25.
    for (const matchAll of [true, false]) {
      const match = toFtsMatch(request.query, matchAll);
      if (match === null) break;
      // Row keys follow submission order: when a limit-th newest match exists, the query is broad and
      // only matches at or above its key are ranked; otherwise every match is, and they are counted.
      const limitKey = this.statements.nthNewestMatch.get(match, this.rankingLimit - 1);
      const truncated = limitKey !== undefined;
      const total = truncated ? this.rankingLimit : (this.statements.countMatches.get(match) ?? 0);
      if (total === 0 && matchAll) continue;
      const lowestKey = limitKey ?? 0;
      const rows = this.statements.search.all({
        match,
        lowestKey,
        limit: request.limit,
        offset: request.offset,
        start: HIGHLIGHT_START,
        end: HIGHLIGHT_END,
      });
      const hits = rows.map((row) => ({
        paper: rowToPaper(row),
        score: row.score,
        titleHighlighted: row.title_highlighted,
        abstractSnippet: row.abstract_snippet,
      }));
      return { hits, total, truncated };
    }
    return { hits: [], total: 0, truncated: false };
  }

  async optimizeSearchIndex(): Promise<void> {
    this.db.exec("INSERT INTO papers_fts (papers_fts) VALUES ('optimize')");
  }

  async beginBulkLoad(): Promise<boolean> {
    return this.writes.beginBulkLoad();
  }

  async finishBulkLoad(): Promise<void> {
    this.writes.finishBulkLoad();
  }

  async getCheckpoint(key: string): Promise<number | null> {
    return this.statements.getCheckpoint.get(key) ?? null;
  }

  async clearCheckpoint(key: string): Promise<void> {
    this.statements.clearCheckpoint.run(key);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async getSourceState(key: string): Promise<string | null> {
    return this.statements.getSourceState.get(key) ?? null;
  }

  async saveSourceState(state: SourceState): Promise<void> {
    this.writes.saveSourceState(state.key, state.value);
  }
}
