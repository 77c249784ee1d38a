import { newYorkDay } from "../../core/calendar.js";
import {
  assessDays,
  type CategoryDayPapers,
  type DayHealth,
  type DayPapers,
  type DayWindow,
  resolveWindow,
  type WindowRequest,
} from "../../core/ingest-health.js";
import type { IngestRun, PaperStore } from "../../store/store.js";

/** How many runs the health page lists. */
export const RECENT_RUNS = 20;

export interface IngestHealthReport {
  window: DayWindow;
  latestDay: string | null;
  /** Every day of the window, with its papers and whether it is a gap. */
  days: DayHealth[];
  categories: CategoryDayPapers[];
  runs: IngestRun[];
}

/** What the ingestion health page and its JSON ask of the store. */
export class IngestHealthService {
  constructor(
    private readonly store: PaperStore,
    private readonly today: () => string = () => newYorkDay(new Date()),
  ) {}

  /** The request must have passed windowRequestProblem; an empty store anchors the window on today. */
  async report(request: WindowRequest): Promise<IngestHealthReport> {
    const latestDay = await this.store.latestDay();
    const window = resolveWindow(request, latestDay ?? this.today());
    const [perDay, categories, runs, before] = await Promise.all([
      this.store.papersPerDay(window.from, window.until),
      this.store.papersPerCategoryDay(window.from, window.until),
      this.store.recentIngestRuns(RECENT_RUNS),
      this.store.neighbourDays(window.from),
    ]);
    const firstDay = firstStoredDay(window, perDay, before.previous);
    return { window, latestDay, days: assessDays(window, perDay, firstDay), categories, runs };
  }
}

/**
 * The store's first day with papers as far as the window cares: its start when papers exist
 * earlier, else the window's first day with papers (null when none).
 */
function firstStoredDay(window: DayWindow, perDay: DayPapers[], previous: string | null): string | null {
  if (previous !== null) return window.from;
  return perDay.find((count) => count.papers > 0)?.day ?? null;
}
