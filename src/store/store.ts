import type { Paper, PaperInput } from "../core/paper.js";
import type { SearchSort } from "../core/search-filters.js";
import type { SearchQuery } from "../core/search-query.js";
import type { VectorStore } from "./vector-store.js";

/**
 * The storage contract. Every store (SQLite now, PostgreSQL later) passes the same contract suite
 * in test/contract. Only plain data crosses this boundary; nothing above it writes SQL.
 */

/** Where an import stands in one input file; saved in the same transaction as the batch it ends. */
export interface ImportCheckpoint extends ImportPosition {
  /** Identifies the file and its content (path, size, modification time). */
  key: string;
}

/** How far an import of one file got: what a resumed import starts from and still reports. */
export interface ImportPosition {
  /** Last input line whose record is committed. */
  line: number;
  /** Lines of the file rejected up to `line`, by this run and any it resumed. */
  rejected: number;
}

/** A live source's position (an OAI-PMH high-water mark, say), saved with the batch that reaches it. */
export interface SourceState {
  key: string;
  value: string;
}

export interface WriteOptions {
  checkpoint?: ImportCheckpoint;
  sourceState?: SourceState;
  /**
   * The papers were just read from arXiv itself (an OAI-PMH harvest, an API look-up) at this ISO time:
   * recorded on each of them, changed or not, for the staleness rule (see StaleRule).
   */
  fetchedAt?: string;
  /** Part of a bulk load (see PaperStore.beginBulkLoad): the search index is left to finishBulkLoad. */
  bulkLoad?: boolean;
}

export interface BulkLoadOptions {
  /** A large import into a store that has papers: bulk-load it too where the store gains from it. */
  evenIfNotEmpty?: boolean;
}

/**
 * Which papers are due a refresh from arXiv: those on a day since `listedSince` (recent papers get
 * revised, journal references and DOIs added), and those a source reported as replaced (a newer
 * version announced, its date still unknown), unless either was fetched from arXiv at `fetchedBefore`
 * or later.
 */
export interface StaleRule {
  /** First day (YYYY-MM-DD) whose papers count as recent. */
  listedSince: string;
  /** ISO time; a paper fetched from arXiv at this time or later is fresh. */
  fetchedBefore: string;
  limit: number;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface Listing {
  day: string;
  paperId: string;
}

export interface ListingsResult {
  /** Listing rows not seen before. */
  added: number;
  /** Papers whose day changed because of the new listings. */
  papersMoved: number;
}

export type PaperSort = "upvotes" | "date";

export interface PaperListQuery {
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last day, inclusive. */
  to: string;
  sort: PaperSort;
  limit: number;
  offset: number;
}

export interface PaperPage {
  papers: Paper[];
  total: number;
}

export interface SearchRequest {
  query: SearchQuery;
  /** Relevance (BM25) unless asked otherwise; date and upvotes order the same matches. */
  sort?: SearchSort;
  limit: number;
  offset: number;
  /** Count the matches per month too (`searchMonthCounts`), from the same pass where the store can. */
  monthCounts?: boolean;
}

export interface SearchHit {
  paper: Paper;
  /** Higher is better; comparable only within one result list. */
  score: number;
  /** Title with matched words between HIGHLIGHT_START and HIGHLIGHT_END marks. */
  titleHighlighted: string;
  /** A passage of the abstract around the matches, marked the same way. */
  abstractSnippet: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Number of matching papers, counted up to the store's ranking limit. */
  total: number;
  /**
   * True when more papers matched than the ranking limit: then the newest `total` matches were
   * ranked. Keeps broad queries ("large language models") fast at any corpus size.
   */
  truncated: boolean;
  /** When the request asked for them: what `searchMonthCounts` gives for its query. */
  monthCounts?: MonthCounts;
}

/** One lexical match: the paper's id and its relevance (higher is better, comparable within one list). */
export interface ScoredMatch {
  paperId: string;
  score: number;
}

export interface ScoredMatches {
  /** Best first. */
  matches: ScoredMatch[];
  /** As in SearchResult. */
  total: number;
  truncated: boolean;
  /** Whether the matches hold every word of the query; false when none did and any word matched instead. */
  everyWord: boolean;
  /** When asked for: what `searchMonthCounts` gives for the query. */
  monthCounts?: MonthCounts;
}

/** How many papers a search matches in one month (of their listing day), and their upvotes. */
export interface MonthCount {
  /** YYYY-MM */
  month: string;
  papers: number;
  upvotes: number;
}

export interface MonthCounts {
  months: MonthCount[];
  truncated: boolean;
}

export interface DayNeighbours {
  previous: string | null;
  next: string | null;
}

export type IngestRunStatus = "running" | "succeeded" | "failed" | "interrupted";

/** One run of a live source, as the ingestion health page shows it. */
export interface IngestRun {
  /** Chosen by the caller (e.g. a random UUID); recording the same id again updates the run. */
  id: string;
  /** "harvest:arXiv:cs", "announcements", … */
  source: string;
  startedAt: string;
  finishedAt: string | null;
  status: IngestRunStatus;
  /** The run's counts, as the source reports them (plain JSON data). */
  summary: Record<string, unknown>;
  error: string | null;
}

export interface DayCount {
  day: string;
  papers: number;
}

export interface CategoryDayCount extends DayCount {
  /** The papers' primary category. */
  category: string;
}

export interface PaperStore extends VectorStore {
  /** Inserts or merges papers in one transaction (see core/merge-paper for the rules). */
  upsertPapers(papers: PaperInput[], options?: WriteOptions): Promise<UpsertResult>;
  /** Ids due a refresh (see StaleRule): replaced papers first, then the most recent days first. */
  staleIds(rule: StaleRule): Promise<string[]>;
  /** Records announcement days; a paper's day becomes its earliest listing day. */
  addListings(listings: Listing[], options?: WriteOptions): Promise<ListingsResult>;
  /** Any stored paper, hidden ones too (their own page stays reachable by its address). */
  getPaper(id: string): Promise<Paper | null>;
  /** A period's papers; papers a moderator hid are left out, of the page and of the total. */
  listPapers(query: PaperListQuery): Promise<PaperPage>;
  /** The most recent day with at least one paper; null on an empty store. */
  latestDay(): Promise<string | null>;
  /** The nearest days before and after this one that have papers. */
  neighbourDays(day: string): Promise<DayNeighbours>;
  countPapers(): Promise<number>;
  /** Papers in id order after the given id (null: from the start); for export and reindexing. */
  papersAfter(afterId: string | null, limit: number): Promise<Paper[]>;
  /** Hidden papers are left out of the results, as from lists. */
  search(request: SearchRequest): Promise<SearchResult>;
  /**
   * The query's best `limit` matches by relevance, as `search` ranks them (filters, exclusions and the
   * ranking limit included), but ids and scores only: no rows read, nothing highlighted. Hybrid search
   * fuses these with the dense side and then asks `highlightPapers` for the page it shows. A query
   * without words ranks nothing. `options.monthCounts`: with the matches per month, as `searchMonthCounts`
   * gives them, counted from the same pass where the store can.
   */
  rankMatches(query: SearchQuery, limit: number, options?: { monthCounts?: boolean }): Promise<ScoredMatches>;
  /**
   * Hits for these papers, in the order given, with the query's words marked as `search` marks them
   * (score 0: the caller ranked them). Papers that are not stored or match none of the words are left out.
   */
  highlightPapers(query: SearchQuery, paperIds: string[]): Promise<SearchHit[]>;
  /**
   * Those of these papers that hold the query's words (every one, or with `everyWord` false any one, as
   * `rankMatches` says it matched), in the order given; nothing read or highlighted (hybrid search counts
   * the papers found by meaning alone).
   */
  holdingWords(query: SearchQuery, paperIds: string[], everyWord: boolean): Promise<string[]>;
  /**
   * Those of these papers that hold every quoted phrase of the query and none of its excluded words,
   * matched as `search` matches them (stemmed), in the order given: papers found by meaning keep to
   * the same rules as word matches. With a phrase or an exclusion to check, papers that are not stored
   * are left out; with neither, the ids come back as given.
   */
  keepPhrasesAndExclusions(query: SearchQuery, paperIds: string[]): Promise<string[]>;
  /**
   * The papers a search matches per month, oldest month first; months without matches are left out.
   * The same matching as `search` (every word, else any) and the same bound: past the ranking limit,
   * only the newest matches up to it are counted, and `truncated` says so.
   */
  searchMonthCounts(query: SearchQuery): Promise<MonthCounts>;
  /** Compacts the search index after a bulk write; cheap to call when there is nothing to do. */
  optimizeSearchIndex(): Promise<void>;
  /**
   * Starts (or resumes) a bulk load when the store is empty, or when a bulk load it started was never
   * finished (a killed import): returns true, and writes with `bulkLoad` then leave the search index to
   * finishBulkLoad (half the cost of indexing row by row, or built beside the writes: ADR 0018).
   * Returns false on a store that already has papers, unless `evenIfNotEmpty` is set and the store
   * can load such a store in bulk too: writes then index as they go.
   */
  beginBulkLoad(options?: BulkLoadOptions): Promise<boolean>;
  /**
   * Builds the search index of a bulk load from the stored papers and ends the bulk load. `alongside`,
   * more writes of the same import (listings), runs meanwhile where the store builds the index on
   * another thread or connection; a store that cannot overlap them runs it first.
   */
  finishBulkLoad(alongside?: () => Promise<void>): Promise<void>;
  getCheckpoint(key: string): Promise<ImportPosition | null>;
  /** The value last saved for a live source, or null when it never ran. */
  getSourceState(key: string): Promise<string | null>;
  /** Saves a live source's position on its own (when a run wrote no papers). */
  saveSourceState(state: SourceState): Promise<void>;
  clearCheckpoint(key: string): Promise<void>;
  /** Records a live source's run, or updates it when its id was recorded before. */
  recordIngestRun(run: IngestRun): Promise<void>;
  /**
   * Claims one occurrence of a scheduled job (its name and the ISO time it was due) for the caller:
   * true for the first claim only, so a schedule running in several workers fires once cluster-wide.
   */
  claimScheduledRun(job: string, occurrence: string): Promise<boolean>;
  /** The latest runs, newest first. */
  recentIngestRuns(limit: number): Promise<IngestRun[]>;
  /** Papers per listing day in a range, for days that have any, oldest first. */
  papersPerDay(from: string, to: string): Promise<DayCount[]>;
  /** Papers per primary category per day in a range, oldest day first, then by category. */
  papersPerCategoryDay(from: string, to: string): Promise<CategoryDayCount[]>;
  close(): Promise<void>;
}
