import { addDays } from "../../core/calendar.js";
import type { PaperStore, StaleRule } from "../../store/store.js";
import type { HttpGetter } from "./http.js";
import { lookupPapers, MAX_IDS_PER_REQUEST } from "./lookup.js";

/**
 * Refreshing stale records through the arXiv API look-up: the operation behind `paperpulse refresh`
 * and the last step of the daily ingest.
 *
 * The staleness rule (StaleRule in the store): a paper is due when it was not read from arXiv itself
 * (an OAI-PMH harvest or an API look-up) in the last `afterDays` days, and either
 * - it is on a day in the last `windowDays` days: new papers are where v2s, journal references and
 *   DOIs arrive, and papers known only from bulk files or announcement feeds lack fields; or
 * - a source reported it replaced: an announcement named a version whose date the store lacks.
 * Replaced papers go first, then the most recent days; `limit` bounds one run (100 ids per request,
 * one request per polite interval). Every answer goes through the normal merge, so nothing is
 * downgraded, and every paper read is stamped as fetched, changed or not.
 */
export interface RefreshOptions {
  apiUrl: string;
  /** Papers on a day this many days back or later count as recent. */
  windowDays: number;
  /** A paper read from arXiv less than this many days ago is fresh. */
  afterDays: number;
  /** At most this many papers per run. */
  limit: number;
}

export interface RefreshRunOptions {
  /** Only finds the papers due; nothing is fetched or written. */
  dryRun?: boolean;
  now?: () => Date;
  /** Stops before the next request; the batch being written completes. */
  signal?: AbortSignal;
  onBatch?: (progress: { batch: number; batches: number; requested: number; found: number }) => void;
}

export interface RefreshSummary {
  /** Papers the rule found due, up to the limit. */
  due: number;
  found: number;
  /** Due papers arXiv did not return. */
  missing: number;
  /** Entries arXiv returned that could not be read. */
  rejected: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** True when the signal stopped the run before every due paper was asked for. */
  interrupted: boolean;
}

export interface RefreshResult {
  summary: RefreshSummary;
  /** The ids found due, in the order they are asked for. */
  dueIds: string[];
}

const DAY_MS = 86_400_000;

/** The store's form of the rule for this moment. */
export function staleRule(options: Omit<RefreshOptions, "apiUrl">, now: Date): StaleRule {
  return {
    listedSince: addDays(now.toISOString().slice(0, 10), -options.windowDays),
    fetchedBefore: new Date(now.getTime() - options.afterDays * DAY_MS).toISOString(),
    limit: options.limit,
  };
}

export async function refreshStalePapers(
  store: PaperStore,
  client: HttpGetter,
  options: RefreshOptions,
  runOptions: RefreshRunOptions = {},
): Promise<RefreshResult> {
  const now = runOptions.now ?? (() => new Date());
  const dueIds = await store.staleIds(staleRule(options, now()));
  const summary: RefreshSummary = {
    due: dueIds.length,
    found: 0,
    missing: 0,
    rejected: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    interrupted: false,
  };
  if (runOptions.dryRun || dueIds.length === 0) return { summary, dueIds };

  try {
    const looked = await lookupPapers(store, client, dueIds, {
      apiUrl: options.apiUrl,
      batchSize: MAX_IDS_PER_REQUEST,
      now,
      ...(runOptions.signal ? { signal: runOptions.signal } : {}),
      ...(runOptions.onBatch ? { onBatch: runOptions.onBatch } : {}),
    });
    summary.found = looked.found.length;
    summary.missing = looked.missing.length;
    summary.rejected = looked.rejected.length;
    summary.inserted = looked.inserted;
    summary.updated = looked.updated;
    summary.unchanged = looked.unchanged;
    summary.interrupted = looked.interrupted;
  } catch (error) {
    // Stopped while a request was in flight: the batches before it are stored.
    if (!(runOptions.signal?.aborted && error === runOptions.signal.reason)) throw error;
    summary.interrupted = true;
  }
  return { summary, dueIds };
}
