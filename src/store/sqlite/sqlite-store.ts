import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Paper, PaperInput } from "../../core/paper.js";
import type { SearchQuery } from "../../core/search-query.js";
import type {
  BulkLoadOptions,
  CategoryDayCount,
  DayCount,
  DayNeighbours,
  ImportPosition,
  IngestRun,
  IngestRunStatus,
  Listing,
  ListingsResult,
  MonthCounts,
  PaperListQuery,
  PaperPage,
  PaperStore,
  ScoredMatches,
  SearchHit,
  SearchRequest,
  SearchResult,
  SourceState,
  StaleRule,
  UpsertResult,
  WriteOptions,
} from "../store.js";
import type { PaperText, PaperVector, PaperVectorInput, StoredVector } from "../vector-store.js";
import { BulkLoadBusyError, BulkLoadLock } from "./bulk-load-lock.js";
import { migrate } from "./migrate.js";
import { ANY_HIDDEN_SQL, listedSql, PAPER_COLUMNS, type PaperRow, rowToPaper } from "./paper-row.js";
import { PaperWrites } from "./paper-writes.js";
import { loadSearchExtension, searchExtensionPath } from "./search-extension.js";
import { SideIndexBuild } from "./side-index-build.js";
import { SqliteSearch } from "./sqlite-search.js";
import { SqliteVectors } from "./sqlite-vectors.js";

/** Ties go to the newer paper; row keys follow arXiv order (ADR 0001). */
const ORDER_BY = {
  upvotes: ["upvotes DESC", "published_at DESC NULLS LAST", "rowid DESC"],
  date: ["day DESC", "published_at DESC NULLS LAST", "rowid DESC"],
} as const;

/**
 * A period's page of papers. The page is chosen on the covering (day, upvotes, published_at) index
 * alone, then only its rows are read: sorting a month's full rows (abstracts included) cost ~20 ms.
 */
function listInRangeSql(orderBy: readonly string[], anyHidden: boolean): string {
  const columns = PAPER_COLUMNS.split(", ")
    .map((column) => `p.${column}`)
    .join(", ");
  return `WITH page AS MATERIALIZED (
      SELECT rowid, day, upvotes, published_at FROM papers WHERE day BETWEEN ? AND ? AND ${listedSql(anyHidden)}
      ORDER BY ${orderBy.join(", ")} LIMIT ? OFFSET ?)
    SELECT ${columns} FROM page JOIN papers p ON p.rowid = page.rowid
    ORDER BY ${orderBy.map((term) => `page.${term}`).join(", ")}`;
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

/** The page cache (negative: KiB), and its size while a side index is built beside the writes (ADR 0018). */
const CACHE_KIB = -65536;
const BULK_LOAD_CACHE_KIB = -16384;

export interface SqliteStoreOptions {
  /** Broad queries rank only this many of their newest matches (see SearchResult.truncated). */
  rankingLimit?: number;
  /**
   * The search extension to load (ADR 0017, ADR 0026); null searches with FTS5's own bm25() and porter.
   * Default: the one `npm install` built.
   */
  searchExtension?: string | null;
}

/** Opens (creating if needed) the embedded database and brings its schema up to date. */
export function openSqliteDatabase(databasePath: string): Database.Database {
  if (databasePath !== ":memory:") fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  // Waits for another process's write (a concurrent import or migration) instead of failing at once.
  const db = new Database(databasePath, { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma(`cache_size = ${CACHE_KIB}`);
  migrate(db);
  return db;
}

export function openSqliteStore(databasePath: string, options: SqliteStoreOptions = {}): PaperStore {
  return sqlitePaperStore(openSqliteDatabase(databasePath), options);
}

/** The paper store on an open database (shared with the community stores); closing it closes the database. */
export function sqlitePaperStore(db: Database.Database, options: SqliteStoreOptions = {}): PaperStore {
  const extension = options.searchExtension === undefined ? searchExtensionPath() : options.searchExtension;
  const loaded = loadSearchExtension(db, extension) ? extension : null;
  return new SqliteStore(db, options.rankingLimit ?? 10_000, loaded);
}

class SqliteStore implements PaperStore {
  private readonly statements;
  private readonly lexical: SqliteSearch;
  private readonly writes: PaperWrites;
  private readonly vectors: SqliteVectors;
  /** The bulk load's side index, when one is being built in a worker thread (ADR 0018). */
  private sideIndex: SideIndexBuild | null = null;
  /** Held while this process writes a bulk load (a file database only: no other process opens one in memory). */
  private bulkLoadLock: BulkLoadLock | null = null;

  constructor(
    private readonly db: Database.Database,
    rankingLimit: number,
    /** The search extension this connection loaded, which the side index's connection loads too. */
    private readonly searchExtension: string | null,
  ) {
    this.lexical = new SqliteSearch(db, rankingLimit, searchExtension !== null);
    this.writes = new PaperWrites(db);
    this.vectors = new SqliteVectors(db);
    const paperById = `SELECT rowid, ${PAPER_COLUMNS} FROM papers WHERE id = ?`;
    this.statements = {
      paperById: db.prepare<[string], PaperRow & { rowid: number }>(paperById),
      anyHidden: db.prepare<[], number>(ANY_HIDDEN_SQL).pluck(),
      papersByIds: [false, true].map((anyHidden) =>
        db.prepare<[string], PaperRow>(
          `SELECT ${PAPER_COLUMNS} FROM papers WHERE id IN (SELECT value FROM json_each(?)) AND ${listedSql(anyHidden)}`,
        ),
      ),
      titlesByIds: [false, true].map((anyHidden) =>
        db.prepare<[string], { id: string; title: string }>(
          `SELECT id, title FROM papers WHERE id IN (SELECT value FROM json_each(?)) AND ${listedSql(anyHidden)}`,
        ),
      ),
      getCheckpoint: db.prepare<[string], ImportPosition>(
        "SELECT line, rejected FROM import_checkpoints WHERE key = ?",
      ),
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
      claimScheduledRun: db.prepare<[string, string, string]>(
        "INSERT OR IGNORE INTO scheduled_runs (job, occurrence, claimed_at) VALUES (?, ?, ?)",
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
      countInRange: [false, true].map((anyHidden) =>
        db
          .prepare<[string, string], number>(
            `SELECT count(*) FROM papers WHERE day BETWEEN ? AND ? AND ${listedSql(anyHidden)}`,
          )
          .pluck(),
      ),
      listInRange: {
        upvotes: [false, true].map((anyHidden) =>
          db.prepare<[string, string, number, number], PaperRow>(listInRangeSql(ORDER_BY.upvotes, anyHidden)),
        ),
        date: [false, true].map((anyHidden) =>
          db.prepare<[string, string, number, number], PaperRow>(listInRangeSql(ORDER_BY.date, anyHidden)),
        ),
      },
      papersAfter: db.prepare<[string, number], PaperRow>(
        `SELECT ${PAPER_COLUMNS} FROM papers WHERE id > ? ORDER BY id LIMIT ?`,
      ),
    };
  }

  async upsertPapers(papers: PaperInput[], options: WriteOptions = {}): Promise<UpsertResult> {
    const { result, indexBatch } = this.writes.upsertPapers(papers, options);
    if (indexBatch) await this.sideIndex?.add(indexBatch);
    return result;
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
      const hidden = this.hiddenVariant();
      const rows = this.statements.listInRange[query.sort][hidden]!.all(
        query.from,
        query.to,
        query.limit,
        query.offset,
      );
      const total = this.statements.countInRange[hidden]!.get(query.from, query.to) ?? 0;
      return { papers: rows.map(rowToPaper), total };
    })();
  }

  async getPapers(ids: string[]): Promise<Paper[]> {
    const byId = new Map(
      this.statements.papersByIds[this.hiddenVariant()]!.all(JSON.stringify(ids)).map((row) => [row.id, row]),
    );
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [rowToPaper(row)] : [];
    });
  }

  async titlesOf(ids: string[]): Promise<Map<string, string>> {
    const rows = this.statements.titlesByIds[this.hiddenVariant()]!.all(JSON.stringify(ids));
    return new Map(rows.map((row) => [row.id, row.title]));
  }

  saveVectors(vectors: PaperVectorInput[]): Promise<void> {
    return this.vectors.saveVectors(vectors);
  }

  papersLackingVectors(modelId: string, afterId: string | null, limit: number): Promise<PaperText[]> {
    return this.vectors.papersLackingVectors(modelId, afterId, limit);
  }

  countPapersLackingVectors(modelId: string): Promise<number> {
    return this.vectors.countPapersLackingVectors(modelId);
  }

  vectorsSince(modelId: string, afterSeq: number, limit: number): Promise<StoredVector[]> {
    return this.vectors.vectorsSince(modelId, afterSeq, limit);
  }

  vectorsOf(modelId: string, paperIds: string[]): Promise<PaperVector[]> {
    return this.vectors.vectorsOf(modelId, paperIds);
  }

  vectorsListedBetween(modelId: string, from: string, to: string, limit: number): Promise<PaperVector[]> {
    return this.vectors.vectorsListedBetween(modelId, from, to, limit);
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

  async claimScheduledRun(job: string, occurrence: string): Promise<boolean> {
    return this.statements.claimScheduledRun.run(job, occurrence, new Date().toISOString()).changes === 1;
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

  /** Which variant of a listing statement to run: 1 with the hidden-paper check, 0 without. */
  private hiddenVariant(): number {
    return this.statements.anyHidden.get() ?? 0;
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    return this.lexical.search(request, this.hiddenVariant() === 1);
  }

  async rankMatches(
    query: SearchQuery,
    limit: number,
    options?: { monthCounts?: boolean },
  ): Promise<ScoredMatches> {
    return this.lexical.rankMatches(query, limit, this.hiddenVariant() === 1, options?.monthCounts ?? false);
  }

  async keepPhrasesAndExclusions(query: SearchQuery, paperIds: string[]): Promise<string[]> {
    return this.lexical.keepPhrasesAndExclusions(query, paperIds);
  }

  async highlightPapers(query: SearchQuery, paperIds: string[]): Promise<SearchHit[]> {
    return this.lexical.highlightPapers(query, paperIds);
  }

  async holdingWords(query: SearchQuery, paperIds: string[], everyWord: boolean): Promise<string[]> {
    return this.lexical.holdingWords(query, paperIds, everyWord);
  }

  async searchMonthCounts(query: SearchQuery): Promise<MonthCounts> {
    return this.lexical.monthCounts(query, this.hiddenVariant() === 1);
  }

  async optimizeSearchIndex(): Promise<void> {
    this.db.exec("INSERT INTO papers_fts (papers_fts) VALUES ('optimize')");
  }

  async beginBulkLoad(options: BulkLoadOptions = {}): Promise<boolean> {
    // A worker thread cannot open an in-memory database: its bulk loads build the whole index at the end,
    // which only an empty store gains from.
    const sideIndexPossible = !this.db.memory;
    if (sideIndexPossible && !this.bulkLoadLock) {
      this.bulkLoadLock = BulkLoadLock.tryAcquire(this.db.name);
      // Another process's load: joining it would split the index; writing beside it marks it stale.
      if (!this.bulkLoadLock) {
        if (this.writes.bulkLoadMark()) throw new BulkLoadBusyError(this.db.name);
        return false;
      }
    }
    const begun = this.writes.beginBulkLoad(sideIndexPossible && (options.evenIfNotEmpty ?? false));
    if (begun === null) {
      this.releaseBulkLoadLock();
      return false;
    }
    if (!this.sideIndex && sideIndexPossible) {
      this.sideIndex = SideIndexBuild.start(this.db.name, this.searchExtension, begun.seq, begun.fresh);
      // The side index's thread needs memory too, and appending rows needs little cache.
      if (this.sideIndex) this.db.pragma(`cache_size = ${BULK_LOAD_CACHE_KIB}`);
    }
    return true;
  }

  async finishBulkLoad(alongside?: () => Promise<void>): Promise<void> {
    const sideIndex = this.sideIndex;
    this.sideIndex = null;
    // The worker compacts its side file while `alongside` writes here; it copies the index in after.
    const compacted = sideIndex?.compact();
    try {
      await alongside?.();
    } finally {
      if (sideIndex) this.db.pragma(`cache_size = ${CACHE_KIB}`);
      try {
        await compacted;
        await sideIndex?.finish();
      } catch {
        // The side index failed (its worker or its file): the index is built from the table instead.
      }
      if (this.writes.bulkLoadMark()) this.writes.finishBulkLoad();
      this.releaseBulkLoadLock();
    }
  }

  private releaseBulkLoadLock(): void {
    this.bulkLoadLock?.release();
    this.bulkLoadLock = null;
  }

  async getCheckpoint(key: string): Promise<ImportPosition | null> {
    return this.statements.getCheckpoint.get(key) ?? null;
  }

  async clearCheckpoint(key: string): Promise<void> {
    this.statements.clearCheckpoint.run(key);
  }

  async close(): Promise<void> {
    // An unfinished bulk load (an interrupted import) resumes from the side file next time.
    await this.sideIndex?.stop();
    this.sideIndex = null;
    this.releaseBulkLoadLock();
    this.db.close();
  }

  async getSourceState(key: string): Promise<string | null> {
    return this.statements.getSourceState.get(key) ?? null;
  }

  async saveSourceState(state: SourceState): Promise<void> {
    this.writes.saveSourceState(state.key, state.value);
  }
}
