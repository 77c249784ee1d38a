import {
  addDays,
  dayPeriod,
  monthPeriodOf,
  type Period,
  type PeriodKind,
  weekPeriodOf,
} from "../../core/calendar.js";
import type { Paper } from "../../core/paper.js";
import type { PaperPage, PaperSort, PaperStore } from "../../store/store.js";

export interface PageRequest {
  /** 1-based page number. */
  page: number;
  perPage: number;
}

export interface PeriodNeighbours {
  /** The nearest earlier period of the same kind that has papers. */
  previous: Period | null;
  /** The nearest later period of the same kind that has papers. */
  next: Period | null;
}

const PERIOD_OF: Record<PeriodKind, (day: string) => Period> = {
  day: dayPeriod,
  week: weekPeriodOf,
  month: monthPeriodOf,
};

export function periodOf(kind: PeriodKind, day: string): Period {
  return PERIOD_OF[kind](day);
}

/** What the web layer asks about papers; the only code here that talks to the store. */
export class PaperService {
  constructor(private readonly store: PaperStore) {}

  latestDay(): Promise<string | null> {
    return this.store.latestDay();
  }

  listPeriod(period: Period, sort: PaperSort, { page, perPage }: PageRequest): Promise<PaperPage> {
    return this.store.listPapers({
      from: period.from,
      to: period.to,
      sort,
      limit: perPage,
      offset: (page - 1) * perPage,
    });
  }

  /** Neighbours skip empty periods, so "previous week" never lands on a week without papers. */
  async neighbours(period: Period): Promise<PeriodNeighbours> {
    const before = await this.store.neighbourDays(period.from);
    const after = period.kind === "day" ? before : await this.store.neighbourDays(period.to);
    return {
      previous: before.previous ? periodOf(period.kind, before.previous) : null,
      next: after.next ? periodOf(period.kind, after.next) : null,
    };
  }

  /** The first day inside the period that has papers; null when the period is empty. */
  async firstListedDay(period: Period): Promise<string | null> {
    const { next } = await this.store.neighbourDays(addDays(period.from, -1));
    return next !== null && next <= period.to ? next : null;
  }

  getPaper(id: string): Promise<Paper | null> {
    return this.store.getPaper(id);
  }

  /** The papers to show in a list, in the order asked: unknown and hidden ones left out. */
  listedPapers(ids: string[]): Promise<Paper[]> {
    return this.store.getPapers(ids);
  }

  /** A listed paper with an old-style id (hep-th/9901001), when the store holds one. */
  async listedOldStyleId(): Promise<string | null> {
    // Old-style ids start with their archive's letters, so they sort after every new-style id (digits).
    const [first] = await this.store.papersAfter("9", 1);
    if (!first) return null;
    const [listed] = await this.store.getPapers([first.id]);
    return listed?.id ?? null;
  }

  countPapers(): Promise<number> {
    return this.store.countPapers();
  }
}
