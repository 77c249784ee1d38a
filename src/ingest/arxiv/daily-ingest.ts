import { randomUUID } from "node:crypto";
import type { Config } from "../../config.js";
import { addDays } from "../../core/calendar.js";
import type { IngestRun, IngestRunStatus, PaperStore } from "../../store/store.js";
import {
  type AnnouncementsSummary,
  type CategoryOutcome,
  fetchAnnouncements,
  totalAnnouncementCounts,
} from "./announcements.js";
import {
  HarvestError,
  type HarvestPageEvent,
  type HarvestReject,
  type HarvestSummary,
  harvest,
} from "./harvest.js";
import { markKey } from "./harvest-mark.js";
import type { HttpGetter } from "./http.js";
import { type RefreshOptions, type RefreshSummary, refreshStalePapers } from "./refresh.js";

/**
 * The one operation that keeps an instance current, run by the scheduler, `paperpulse ingest` and
 * (later) the admin page alike: an OAI-PMH harvest of each configured set, continuing from its stored
 * mark, then the day's announcement feeds of the configured categories (which put the papers on their
 * announcement day), then a refresh of stale records through the API (see refresh.ts). Harvests come
 * first so the announcements find the papers they replace; the refresh comes last so it reads what
 * the announcements reported replaced.
 *
 * Each source's run goes into the store's ingest log: a "running" row when it starts, updated with its
 * counts and outcome when it ends. A failing source is recorded and the others still run; a stop
 * (the signal) ends the source in progress cleanly and starts no further one.
 */
export interface DailyIngestOptions {
  oaiUrl: string;
  feedUrl: string;
  categories: readonly string[];
  /** OAI-PMH sets to harvest, in order (see oaiSetsFor). */
  sets: readonly string[];
  /**
   * How far back (days) the first harvest of a set starts. Without a stored mark a harvest would read
   * the set from arXiv's beginning (hundreds of thousands of records); a backfill is `paperpulse harvest --from`.
   */
  firstHarvestDays: number;
  /** The refresh step; left out, the ingest does not refresh. */
  refresh?: RefreshOptions;
}

export interface DailyIngestRunOptions {
  /** The clock for run times and the harvest's "today". */
  now?: () => Date;
  /** Stops after the page or category in progress; later sources are not started. */
  signal?: AbortSignal;
  onEvent?: (event: DailyIngestEvent) => void;
}

export type DailyIngestEvent =
  | { kind: "source-started"; run: IngestRun }
  | { kind: "source-finished"; run: IngestRun }
  | { kind: "harvest-page"; source: string; page: HarvestPageEvent }
  | { kind: "harvest-reject"; source: string; reject: HarvestReject }
  | { kind: "harvest-restart"; source: string; reason: string }
  | { kind: "announcements-category"; source: string; outcome: CategoryOutcome }
  | {
      kind: "refresh-batch";
      source: string;
      batch: number;
      batches: number;
      found: number;
      requested: number;
    };

export const ANNOUNCEMENTS_SOURCE = "announcements";
export const REFRESH_SOURCE = "refresh";
const FIRST_HARVEST_DAYS = 7;
const METADATA_PREFIX = "arXiv";

/** Archives that are OAI-PMH sets of their own; every other current archive is a subset of "physics". */
const TOP_LEVEL_SETS = new Set(["cs", "econ", "eess", "math", "q-bio", "q-fin", "stat"]);

/**
 * The OAI-PMH sets covering the categories, by archive: cs.LG → "cs", stat.ML → "stat", hep-th →
 * "physics:hep-th", astro-ph.GA → "physics:astro-ph", physics.optics → "physics:physics". A set holds
 * every category of its archive, so the harvest may bring more papers than the announcements list.
 */
export function oaiSetsFor(categories: readonly string[]): string[] {
  const sets = categories.map((category) => {
    const archive = category.split(".")[0]!;
    return TOP_LEVEL_SETS.has(archive) ? archive : `physics:${archive}`;
  });
  return [...new Set(sets)];
}

export type RefreshConfig = Pick<
  Config,
  "arxivApiUrl" | "refreshWindowDays" | "refreshAfterDays" | "refreshLimit"
>;

export function refreshOptions(config: RefreshConfig): RefreshOptions {
  return {
    apiUrl: config.arxivApiUrl,
    windowDays: config.refreshWindowDays,
    afterDays: config.refreshAfterDays,
    limit: config.refreshLimit,
  };
}

export function dailyIngestOptions(
  config: Pick<Config, "arxivOaiUrl" | "arxivFeedUrl" | "categories"> & RefreshConfig,
): DailyIngestOptions {
  return {
    oaiUrl: config.arxivOaiUrl,
    feedUrl: config.arxivFeedUrl,
    categories: config.categories,
    sets: oaiSetsFor(config.categories),
    firstHarvestDays: FIRST_HARVEST_DAYS,
    refresh: refreshOptions(config),
  };
}

export function harvestSourceName(set: string): string {
  return `harvest:${METADATA_PREFIX}:${set}`;
}

export interface SourceOutcome {
  status: Exclude<IngestRunStatus, "running">;
  summary: Record<string, unknown>;
  error: string | null;
}

export interface IngestSource {
  name: string;
  run(): Promise<SourceOutcome>;
}

export async function runDailyIngest(
  store: PaperStore,
  client: HttpGetter,
  options: DailyIngestOptions,
  runOptions: DailyIngestRunOptions = {},
): Promise<IngestRun[]> {
  const context: SourceContext = {
    ...runOptions,
    store,
    client,
    options,
    now: runOptions.now ?? (() => new Date()),
  };
  const sources = [...options.sets.map((set) => harvestSource(set, context)), announcementsSource(context)];
  if (options.refresh) sources.push(refreshSource(options.refresh, context));
  const runs: IngestRun[] = [];
  for (const source of sources) {
    if (runOptions.signal?.aborted) break;
    runs.push(await recordRun(source, context));
  }
  return runs;
}

interface SourceContext extends DailyIngestRunOptions {
  store: PaperStore;
  client: HttpGetter;
  options: DailyIngestOptions;
  now: () => Date;
}

/** Runs one source with its row in the store's ingest log ("running", then its outcome). */
export async function recordRun(
  source: IngestSource,
  { store, now, onEvent }: Pick<SourceContext, "store" | "now" | "onEvent">,
): Promise<IngestRun> {
  const started: IngestRun = {
    id: randomUUID(),
    source: source.name,
    startedAt: now().toISOString(),
    finishedAt: null,
    status: "running",
    summary: {},
    error: null,
  };
  await store.recordIngestRun(started);
  onEvent?.({ kind: "source-started", run: started });
  let outcome: SourceOutcome;
  try {
    outcome = await source.run();
  } catch (error) {
    // Whatever stopped this source (a database error, a bad stored mark) is its failure, not the others'.
    outcome = {
      status: "failed",
      summary: {},
      error: error instanceof Error ? error.message : String(error),
    };
  }
  const finished: IngestRun = { ...started, ...outcome, finishedAt: now().toISOString() };
  await store.recordIngestRun(finished);
  onEvent?.({ kind: "source-finished", run: finished });
  return finished;
}

function harvestSource(set: string, context: SourceContext): IngestSource {
  const { store, client, options, now, signal, onEvent } = context;
  const source = harvestSourceName(set);
  return {
    name: source,
    async run() {
      const neverHarvested = (await store.getSourceState(markKey(METADATA_PREFIX, set))) === null;
      const today = now().toISOString().slice(0, 10);
      try {
        const summary = await harvest(store, client, {
          baseUrl: options.oaiUrl,
          metadataPrefix: METADATA_PREFIX,
          set,
          ...(neverHarvested ? { from: addDays(today, -options.firstHarvestDays) } : {}),
          now,
          ...(signal ? { signal } : {}),
          onPage: (page) => onEvent?.({ kind: "harvest-page", source, page }),
          onReject: (reject) => onEvent?.({ kind: "harvest-reject", source, reject }),
          onRestart: (reason) => onEvent?.({ kind: "harvest-restart", source, reason }),
        });
        const status = summary.interrupted ? "interrupted" : "succeeded";
        return { status, summary: harvestCounts(summary), error: null };
      } catch (error) {
        if (!(error instanceof HarvestError)) throw error;
        return { status: "failed", summary: harvestCounts(error.summary), error: error.message };
      }
    },
  };
}

function harvestCounts(summary: HarvestSummary): Record<string, unknown> {
  const { pages, records, inserted, updated, unchanged, deleted, rejected, from, until, resumed } = summary;
  return { pages, records, inserted, updated, unchanged, deleted, rejected, from, until, resumed };
}

function announcementsSource({ store, client, options, signal, onEvent }: SourceContext): IngestSource {
  const source = ANNOUNCEMENTS_SOURCE;
  return {
    name: source,
    async run() {
      const summary = await fetchAnnouncements(store, client, {
        feedUrl: options.feedUrl,
        categories: options.categories,
        ...(signal ? { signal } : {}),
        onCategory: (outcome) => onEvent?.({ kind: "announcements-category", source, outcome }),
      });
      const failed = summary.categories.filter((outcome) => outcome.status === "failed");
      const error = failed.map((outcome) => `${outcome.category}: ${outcome.error}`).join("; ") || null;
      const status = summary.interrupted ? "interrupted" : failed.length > 0 ? "failed" : "succeeded";
      return { status, summary: announcementCounts(summary), error };
    },
  };
}

function announcementCounts(summary: AnnouncementsSummary): Record<string, unknown> {
  const days = [...new Set(summary.categories.flatMap((outcome) => outcome.day ?? []))].sort();
  const categories = summary.categories.map(({ category, status, day, error }) => ({
    category,
    status,
    day,
    error,
  }));
  return { days, ...totalAnnouncementCounts(summary.categories), categories };
}

/** The refresh of stale records as a source of its own (also what `paperpulse refresh` records). */
export function refreshSource(
  refresh: RefreshOptions,
  { store, client, now, signal, onEvent }: Omit<SourceContext, "options">,
): IngestSource {
  const source = REFRESH_SOURCE;
  return {
    name: source,
    async run() {
      const { summary } = await refreshStalePapers(store, client, refresh, {
        now,
        ...(signal ? { signal } : {}),
        onBatch: (progress) => onEvent?.({ kind: "refresh-batch", source, ...progress }),
      });
      return {
        status: summary.interrupted ? "interrupted" : "succeeded",
        summary: refreshCounts(summary),
        error: null,
      };
    },
  };
}

function refreshCounts(summary: RefreshSummary): Record<string, unknown> {
  const { due, found, missing, rejected, inserted, updated, unchanged } = summary;
  return { due, found, missing, rejected, inserted, updated, unchanged };
}
