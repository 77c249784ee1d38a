import pg from "pg";
import { arxivIdOrdinal } from "../../core/arxiv-id.js";
import { mergePaper, samePaper, toPaper, withEarliestListingDay } from "../../core/merge-paper.js";
import type { Paper, PaperInput } from "../../core/paper.js";
import type { SearchQuery } from "../../core/search-query.js";
import type {
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
import type {
  PaperText,
  PaperVector,
  PaperVectorInput,
  SharedGraphs,
  StoredVector,
} from "../vector-store.js";
import { copyRows, createStagingTable } from "./copy-rows.js";
import { migratePostgres } from "./migrate.js";
import {
  PG_LISTED,
  PG_PAPER_COLUMNS,
  PG_WRITE_COLUMNS,
  type PgCountedRow,
  type PgPaperRow,
  pgCountedPage,
  pgRowToPaper,
  pgWriteValues,
} from "./paper-row.js";
import { PostgresGraphs } from "./postgres-graphs.js";
import {
  highlightPostgresPapers,
  keepPostgresPhrasesAndExclusions,
  postgresPapersHoldingWords,
  rankPostgresMatches,
  searchMonthCountsPostgres,
  searchPostgres,
} from "./postgres-search.js";
import { PostgresVectors } from "./postgres-vectors.js";
import { TermStatistics } from "./term-statistics.js";
import { inTransaction, type Queryable } from "./transaction.js";

export interface PostgresStoreOptions {
  /** Broad queries rank only this many of their newest matches (see SearchResult.truncated). */
  rankingLimit?: number;
  /** A schema other than the default search path's (tests give each store its own). */
  schema?: string;
  /** Connections this process keeps open at most. */
  maxConnections?: number;
  /**
   * Tables of up to this many papers (50,000 by default) have exact term statistics; larger ones are
   * sampled and estimated, and broad queries rank from a slice of the newest papers (ADR 0025).
   */
  exactStatisticsUpTo?: number;
}

const COLUMNS = PG_PAPER_COLUMNS.join(", ");

/** The source_state key marking a bulk load in progress (the same key as the embedded store's). */
const BULK_LOAD_KEY = "search-index:bulk-load";

/** Ties go to the newer paper; keys follow arXiv order (ADR 0001). */
const ORDER_BY = {
  upvotes: "upvotes DESC, published_at DESC NULLS LAST, key DESC",
  date: "day DESC, published_at DESC NULLS LAST, key DESC",
} as const;

/** The same orders over a list's page of keys (ORDER_BY's columns, which the page carries). */
const PAGE_ORDER_BY = {
  upvotes: "page.upvotes DESC, page.published_at DESC NULLS LAST, page.key DESC",
  date: "page.day DESC, page.published_at DESC NULLS LAST, page.key DESC",
} as const;

/** A day range's listed papers, over `papers p`: every column the lists order by is in papers_by_day_order. */
const LISTED_IN_RANGE = `FROM papers p WHERE p.day BETWEEN $1 AND $2 AND ${PG_LISTED}`;
const PAGE_COLUMNS = PG_PAPER_COLUMNS.map((column) => `p.${column}`).join(", ");

const STAGED_COLUMNS = [...PG_WRITE_COLUMNS, "fetched_at", "key"];
/** A batch's new and changed papers, moved from the staging table in one statement. */
const UPSERT_STAGED = `INSERT INTO papers (${STAGED_COLUMNS.join(", ")})
  SELECT ${STAGED_COLUMNS.join(", ")} FROM paper_writes ORDER BY key
  ON CONFLICT (key) DO UPDATE SET ${PG_WRITE_COLUMNS.map((column) => `${column} = excluded.${column}`).join(", ")},
    fetched_at = coalesce(excluded.fetched_at, papers.fetched_at)`;

interface IngestRunRow {
  id: string;
  source: string;
  started_at: string;
  finished_at: string | null;
  status: IngestRunStatus;
  summary: Record<string, unknown>;
  error: string | null;
}

/** Opens a pool on the database and brings its schema up to date. */
export async function openPostgresPool(url: string, options: PostgresStoreOptions = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema},public` } : {}),
  });
  try {
    const client = await pool.connect();
    try {
      if (options.schema)
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(options.schema)}`);
      await migratePostgres(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

/** The papers store on a migrated pool; closing it ends the pool. */
/** `beforeClose` runs when the store closes, before the pool ends (what else uses the pool stops there). */
export function postgresPaperStore(
  pool: pg.Pool,
  options: PostgresStoreOptions = {},
  beforeClose: () => Promise<void> = async () => {},
): PaperStore {
  return new PostgresStore(
    pool,
    options.rankingLimit ?? 10_000,
    new TermStatistics(pool, Date.now, options.exactStatisticsUpTo),
    beforeClose,
  );
}

/** Opens the papers store alone (the community's stores: see open-stores.ts). */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PaperStore> {
  return postgresPaperStore(await openPostgresPool(url, options), options);
}

class PostgresStore implements PaperStore {
  private readonly vectors: PostgresVectors;
  readonly sharedGraphs: SharedGraphs;

  constructor(
    private readonly pool: pg.Pool,
    private readonly rankingLimit: number,
    private readonly terms: TermStatistics,
    private readonly beforeClose: () => Promise<void>,
  ) {
    this.vectors = new PostgresVectors(pool);
    this.sharedGraphs = new PostgresGraphs(pool);
  }

  /** Runs `work` in one transaction on one connection. */
  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>, mode = ""): Promise<T> {
    return inTransaction(this.pool, work, mode);
  }

  async upsertPapers(papers: PaperInput[], options: WriteOptions = {}): Promise<UpsertResult> {
    return this.transaction(async (client) => {
      const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 };
      const ids = [...new Set(papers.map((paper) => paper.id))];
      // Row locks, so two writers merging the same paper take turns instead of losing a merge; taken in id
      // order, as moderation's merge and account deletion take theirs, so that none waits on another in a
      // cycle (a bitmap scan of a large batch would otherwise lock in the table's physical order).
      const rows = await client.query<PgPaperRow>(
        `SELECT ${COLUMNS} FROM papers WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
        [ids],
      );
      const original = new Map(rows.rows.map((row) => [row.id, pgRowToPaper(row)]));
      const current = new Map(original);
      const listingDays = new Map(
        (
          await client.query<{ paper_id: string; day: string }>(
            "SELECT paper_id, min(day) AS day FROM listings WHERE paper_id = ANY($1::text[]) GROUP BY paper_id",
            [ids],
          )
        ).rows.map((row) => [row.paper_id, row.day]),
      );
      // The merge runs here, paper by paper as before; the database then gets the batch's outcome at once.
      const written = new Map<string, Paper>();
      for (const input of papers) {
        const incoming = withEarliestListingDay(input, listingDays.get(input.id));
        const before = current.get(input.id);
        const after = before ? mergePaper(before, incoming) : toPaper(incoming);
        if (!before) result.inserted++;
        else if (samePaper(before, after)) {
          result.unchanged++;
          continue;
        } else result.updated++;
        current.set(after.id, after);
        written.set(after.id, after);
      }
      const fetchedAt = options.fetchedAt ?? null;
      await writePapers(client, [...written.values()], new Date().toISOString(), fetchedAt);
      if (fetchedAt !== null) {
        const untouched = ids.filter((id) => !written.has(id));
        await client.query("UPDATE papers SET fetched_at = $1 WHERE id = ANY($2::text[])", [
          fetchedAt,
          untouched,
        ]);
      }
      // The text a vector was made from changed: the paper waits to be embedded again.
      const retexted = [...written.values()].filter((after) => {
        const before = original.get(after.id);
        return before !== undefined && (before.title !== after.title || before.abstract !== after.abstract);
      });
      if (retexted.length > 0)
        await client.query("DELETE FROM paper_vectors WHERE paper_key = ANY($1::bigint[])", [
          retexted.map((paper) => arxivIdOrdinal(paper.id)),
        ]);
      await savePositions(client, options);
      return result;
    });
  }

  async staleIds(rule: StaleRule): Promise<string[]> {
    // Replaced: a version is known (announced) but not its date, which any full record from arXiv gives.
    const rows = await this.pool.query<{ id: string }>(
      `SELECT id FROM (
         SELECT id, 0 AS replaced, day FROM papers
         WHERE day >= $1 AND (fetched_at IS NULL OR fetched_at < $2)
         UNION
         SELECT id, 1 AS replaced, day FROM papers
         WHERE latest_version > 1 AND jsonb_typeof(versions -> -1 -> 'createdAt') = 'null'
           AND (fetched_at IS NULL OR fetched_at < $2)) AS due
       GROUP BY id ORDER BY max(replaced) DESC, max(day) DESC, id DESC LIMIT $3`,
      [rule.listedSince, rule.fetchedBefore, rule.limit],
    );
    return rows.rows.map((row) => row.id);
  }

  /**
   * The GIN index keeps up with every write, so a bulk load here only marks its progress (the same
   * contract as the embedded store, whose full-text index is built once at the end).
   */
  async beginBulkLoad(): Promise<boolean> {
    return this.transaction(async (client) => {
      await client.query("LOCK TABLE source_state IN SHARE ROW EXCLUSIVE MODE");
      const marked = await client.query("SELECT 1 FROM source_state WHERE key = $1", [BULK_LOAD_KEY]);
      if (marked.rowCount === 0 && (await client.query("SELECT 1 FROM papers LIMIT 1")).rowCount !== 0)
        return false;
      await saveSourceState(client, { key: BULK_LOAD_KEY, value: "in progress" }, new Date().toISOString());
      return true;
    });
  }

  /** Ends the bulk load: planner statistics refreshed for the loaded rows, the mark removed. */
  async finishBulkLoad(alongside?: () => Promise<void>): Promise<void> {
    await alongside?.();
    await this.pool.query("DELETE FROM source_state WHERE key = $1", [BULK_LOAD_KEY]);
    await this.pool.query("ANALYZE papers");
  }

  async addListings(listings: Listing[], options: WriteOptions = {}): Promise<ListingsResult> {
    return this.transaction(async (client) => {
      // One statement for the batch: the new listing rows, then each paper moved to its earliest day.
      const counts = await client.query<{ added: string; moved: string }>(
        `WITH incoming AS (
           SELECT DISTINCT paper_id COLLATE "C" AS paper_id, day COLLATE "C" AS day
           FROM unnest($1::text[], $2::text[]) AS l(paper_id, day)),
         added AS (
           INSERT INTO listings (paper_id, day) SELECT paper_id, day FROM incoming
           ON CONFLICT DO NOTHING RETURNING 1),
         earliest AS (SELECT paper_id, min(day) AS day FROM incoming GROUP BY paper_id),
         moved AS (
           UPDATE papers p SET listing_day = e.day, day = e.day, stored_at = $3 FROM earliest e
           WHERE p.id = e.paper_id AND (p.listing_day IS NULL OR p.listing_day > e.day) RETURNING 1)
         SELECT (SELECT count(*) FROM added) AS added, (SELECT count(*) FROM moved) AS moved`,
        [
          listings.map((listing) => listing.paperId),
          listings.map((listing) => listing.day),
          new Date().toISOString(),
        ],
      );
      await savePositions(client, options);
      return { added: Number(counts.rows[0]?.added ?? 0), papersMoved: Number(counts.rows[0]?.moved ?? 0) };
    });
  }

  async getPapers(ids: string[]): Promise<Paper[]> {
    const rows = await this.pool.query<PgPaperRow>(
      `SELECT ${COLUMNS} FROM papers p WHERE id = ANY($1::text[]) AND ${PG_LISTED}`,
      [ids],
    );
    const byId = new Map(rows.rows.map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [pgRowToPaper(row)] : [];
    });
  }

  async titlesOf(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.pool.query<{ id: string; title: string }>(
      `SELECT id, title FROM papers p WHERE id = ANY($1::text[]) AND ${PG_LISTED}`,
      [ids],
    );
    return new Map(rows.rows.map((row) => [row.id, row.title]));
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

  async getPaper(id: string): Promise<Paper | null> {
    const rows = await this.pool.query<PgPaperRow>(`SELECT ${COLUMNS} FROM papers WHERE id = $1`, [id]);
    return rows.rows[0] ? pgRowToPaper(rows.rows[0]) : null;
  }

  /**
   * One statement, so one snapshot and one round trip: the range's total, counted from the
   * papers_by_day_order index alone, and the page, found in that index (its order columns and keys,
   * sorted without the wide rows) before the page's own rows are read. The total's row is there even
   * when the page is past the end.
   */
  async listPapers(query: PaperListQuery): Promise<PaperPage> {
    const page = await this.pool.query<PgCountedRow>(
      `SELECT total.n AS counted, ${PAGE_COLUMNS}
       FROM (SELECT count(*) AS n ${LISTED_IN_RANGE}) AS total
       LEFT JOIN (
         (SELECT p.key, p.day, p.upvotes, p.published_at ${LISTED_IN_RANGE}
          ORDER BY ${ORDER_BY[query.sort]} LIMIT $3 OFFSET $4) AS page
         JOIN papers p ON p.key = page.key) ON true
       ORDER BY ${PAGE_ORDER_BY[query.sort]}`,
      [query.from, query.to, query.limit, query.offset],
    );
    const { rows, counted } = pgCountedPage(page.rows);
    return { papers: rows.map(pgRowToPaper), total: counted };
  }

  async latestDay(): Promise<string | null> {
    return (
      (await this.pool.query<{ day: string | null }>("SELECT max(day) AS day FROM papers")).rows[0]?.day ??
      null
    );
  }

  async neighbourDays(day: string): Promise<DayNeighbours> {
    const rows = await this.pool.query<DayNeighbours>(
      `SELECT (SELECT max(day) FROM papers WHERE day < $1) AS previous,
              (SELECT min(day) FROM papers WHERE day > $1) AS next`,
      [day],
    );
    return { previous: rows.rows[0]?.previous ?? null, next: rows.rows[0]?.next ?? null };
  }

  async countPapers(): Promise<number> {
    return Number((await this.pool.query<{ n: string }>("SELECT count(*) AS n FROM papers")).rows[0]?.n ?? 0);
  }

  async papersAfter(afterId: string | null, limit: number): Promise<Paper[]> {
    const rows = await this.pool.query<PgPaperRow>(
      `SELECT ${COLUMNS} FROM papers WHERE id > $1 ORDER BY id LIMIT $2`,
      [afterId ?? "", limit],
    );
    return rows.rows.map(pgRowToPaper);
  }

  search(request: SearchRequest): Promise<SearchResult> {
    return searchPostgres(this.pool, this.rankingLimit, this.terms, request);
  }

  rankMatches(
    query: SearchQuery,
    limit: number,
    options?: { monthCounts?: boolean },
  ): Promise<ScoredMatches> {
    return rankPostgresMatches(this.pool, this.rankingLimit, this.terms, query, limit, options?.monthCounts);
  }

  keepPhrasesAndExclusions(query: SearchQuery, paperIds: string[]): Promise<string[]> {
    return keepPostgresPhrasesAndExclusions(this.pool, query, paperIds);
  }

  highlightPapers(query: SearchQuery, paperIds: string[]): Promise<SearchHit[]> {
    return highlightPostgresPapers(this.pool, query, paperIds);
  }

  holdingWords(query: SearchQuery, paperIds: string[], everyWord: boolean): Promise<string[]> {
    return postgresPapersHoldingWords(this.pool, query, paperIds, everyWord);
  }

  searchMonthCounts(query: SearchQuery): Promise<MonthCounts> {
    return searchMonthCountsPostgres(this.pool, this.rankingLimit, this.terms, query);
  }

  /** Moves GIN's pending entries into the index proper and refreshes planner statistics after a bulk write. */
  async optimizeSearchIndex(): Promise<void> {
    await this.pool.query("SELECT gin_clean_pending_list('papers_search'::regclass)");
    await this.pool.query("ANALYZE papers");
  }

  async getCheckpoint(key: string): Promise<ImportPosition | null> {
    const rows = await this.pool.query<ImportPosition>(
      "SELECT line, rejected FROM import_checkpoints WHERE key = $1",
      [key],
    );
    return rows.rows[0] ?? null;
  }

  async clearCheckpoint(key: string): Promise<void> {
    await this.pool.query("DELETE FROM import_checkpoints WHERE key = $1", [key]);
  }

  async getSourceState(key: string): Promise<string | null> {
    const rows = await this.pool.query<{ value: string }>("SELECT value FROM source_state WHERE key = $1", [
      key,
    ]);
    return rows.rows[0]?.value ?? null;
  }

  async saveSourceState(state: SourceState): Promise<void> {
    await saveSourceState(this.pool, state, new Date().toISOString());
  }

  async recordIngestRun(run: IngestRun): Promise<void> {
    await this.pool.query(
      `INSERT INTO ingest_runs (id, source, started_at, finished_at, status, summary, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET finished_at = excluded.finished_at, status = excluded.status,
         summary = excluded.summary, error = excluded.error`,
      [run.id, run.source, run.startedAt, run.finishedAt, run.status, JSON.stringify(run.summary), run.error],
    );
  }

  async claimScheduledRun(job: string, occurrence: string): Promise<boolean> {
    const claimed = await this.pool.query(
      `INSERT INTO scheduled_runs (job, occurrence, claimed_at) VALUES ($1, $2, $3)
       ON CONFLICT (job, occurrence) DO NOTHING`,
      [job, occurrence, new Date().toISOString()],
    );
    return claimed.rowCount === 1;
  }

  async recentIngestRuns(limit: number): Promise<IngestRun[]> {
    const rows = await this.pool.query<IngestRunRow>(
      `SELECT id, source, started_at, finished_at, status, summary, error FROM ingest_runs
       ORDER BY started_at DESC, recorded DESC LIMIT $1`,
      [limit],
    );
    return rows.rows.map((row) => ({
      id: row.id,
      source: row.source,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      status: row.status,
      summary: row.summary,
      error: row.error,
    }));
  }

  async papersPerDay(from: string, to: string): Promise<DayCount[]> {
    const rows = await this.pool.query<{ day: string; papers: string }>(
      "SELECT day, count(*) AS papers FROM papers WHERE day BETWEEN $1 AND $2 GROUP BY day ORDER BY day",
      [from, to],
    );
    return rows.rows.map((row) => ({ day: row.day, papers: Number(row.papers) }));
  }

  async papersPerCategoryDay(from: string, to: string): Promise<CategoryDayCount[]> {
    const rows = await this.pool.query<{ day: string; category: string; papers: string }>(
      `SELECT day, coalesce(categories->>0, '') COLLATE "C" AS category, count(*) AS papers
       FROM papers WHERE day BETWEEN $1 AND $2 GROUP BY day, 2 ORDER BY day, 2`,
      [from, to],
    );
    return rows.rows.map((row) => ({ day: row.day, category: row.category, papers: Number(row.papers) }));
  }

  async close(): Promise<void> {
    await this.beforeClose();
    await this.pool.end();
  }
}

async function saveSourceState(db: Queryable, state: SourceState, savedAt: string): Promise<void> {
  await db.query(
    `INSERT INTO source_state (key, value, saved_at) VALUES ($1, $2, $3)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at`,
    [state.key, state.value, savedAt],
  );
}

/**
 * Writes a batch's new and changed papers: COPY into a staging table, then one upsert; a paper
 * already stored keeps its fetched_at unless this write knows a newer one.
 */
async function writePapers(
  client: pg.PoolClient,
  papers: Paper[],
  storedAt: string,
  fetchedAt: string | null,
): Promise<void> {
  if (papers.length === 0) return;
  await createStagingTable(client, "paper_writes", "papers", STAGED_COLUMNS);
  await copyRows(
    client,
    "paper_writes",
    STAGED_COLUMNS,
    papers.map((paper) => [...pgWriteValues(paper, storedAt), fetchedAt, arxivIdOrdinal(paper.id)]),
  );
  await client.query(UPSERT_STAGED);
}

/** Saves the positions a batch reaches, inside the batch's transaction. */
async function savePositions(
  client: pg.PoolClient,
  { checkpoint, sourceState }: WriteOptions,
): Promise<void> {
  const savedAt = new Date().toISOString();
  if (checkpoint) {
    await client.query(
      `INSERT INTO import_checkpoints (key, line, rejected, saved_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET line = excluded.line, rejected = excluded.rejected, saved_at = excluded.saved_at`,
      [checkpoint.key, checkpoint.line, checkpoint.rejected, savedAt],
    );
  }
  if (sourceState) await saveSourceState(client, sourceState, savedAt);
}
