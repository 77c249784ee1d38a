/**
 * Ingestion health from per-day counts: the window to look at, which weekdays in it have no papers
 * ("gaps"), and papers per category per day. Pure; days are America/New_York dates (YYYY-MM-DD), as
 * stored.
 *
 * arXiv announces Sunday to Thursday evenings, so papers land on the listing days Monday to Friday:
 * a weekday without papers is a gap, a weekend never is. There is no holiday calendar, so arXiv's
 * holidays (Christmas, New Year…) show up as gaps too; the operator recognises them by their date.
 */
import { addDays, isValidDay } from "./calendar.js";

export const DEFAULT_WINDOW_DAYS = 60;
export const MAX_WINDOW_DAYS = 365;
/** Categories beyond the top ones are summed under this name (so are papers without a category). */
export const OTHER_CATEGORY = "other";

/** Inclusive range of days. */
export interface DayWindow {
  from: string;
  until: string;
}

/** What a caller asked for; every field optional (see resolveWindow for the defaults). */
export interface WindowRequest {
  days?: number;
  from?: string;
  until?: string;
}

export interface DayPapers {
  day: string;
  papers: number;
}

export interface CategoryDayPapers extends DayPapers {
  category: string;
}

export interface DayHealth extends DayPapers {
  weekday: boolean;
  /** A weekday without papers, on or after the store's first day with papers. */
  gap: boolean;
}

export interface CategoryMatrix {
  /** Most papers first; OTHER_CATEGORY last when anything was folded into it. */
  categories: string[];
  /** Days with papers, oldest first; counts line up with categories. */
  rows: { day: string; counts: number[]; total: number }[];
}

/** Why a window request cannot be served, or null when it can. */
export function windowRequestProblem({ days, from, until }: WindowRequest): string | null {
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > MAX_WINDOW_DAYS)) {
    return `days must be a whole number from 1 to ${MAX_WINDOW_DAYS}.`;
  }
  for (const [name, value] of [
    ["from", from],
    ["until", until],
  ] as const) {
    if (value !== undefined && !isValidDay(value)) return `${name} must be a day like 2025-09-11.`;
  }
  if (from === undefined || until === undefined) return null;
  if (days !== undefined) return "Give days, or from and until, but not all three.";
  if (from > until) return "from must not be after until.";
  if (windowLength({ from, until }) > MAX_WINDOW_DAYS)
    return `A window spans at most ${MAX_WINDOW_DAYS} days.`;
  return null;
}

/**
 * The window for a valid request: from+until as given; otherwise `days` (default 60) starting at
 * `from`, or ending at `until`, or ending at the anchor (the latest day with papers).
 */
export function resolveWindow({ days = DEFAULT_WINDOW_DAYS, from, until }: WindowRequest, anchor: string) {
  if (from !== undefined) return { from, until: until ?? addDays(from, days - 1) };
  const end = until ?? anchor;
  return { from: addDays(end, -(days - 1)), until: end };
}

export function windowLength({ from, until }: DayWindow): number {
  return Math.round((Date.parse(until) - Date.parse(from)) / 86_400_000) + 1;
}

export function isWeekday(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * Every day of the window with its papers (zero when absent). Gaps count from `firstDay`, the
 * store's first day with papers (null: the store is empty): days before anything was ingested are
 * not missing, they were never asked for.
 */
export function assessDays(window: DayWindow, counts: DayPapers[], firstDay: string | null): DayHealth[] {
  const papersByDay = new Map(counts.map((count) => [count.day, count.papers]));
  const days: DayHealth[] = [];
  for (let day = window.from; day <= window.until; day = addDays(day, 1)) {
    const papers = papersByDay.get(day) ?? 0;
    const weekday = isWeekday(day);
    const tracked = firstDay !== null && day >= firstDay;
    days.push({ day, papers, weekday, gap: tracked && weekday && papers === 0 });
  }
  return days;
}

export function gapDays(days: DayHealth[]): string[] {
  return days.filter((day) => day.gap).map((day) => day.day);
}

/** Papers per day for the `top` busiest categories, the rest summed under OTHER_CATEGORY. */
export function categoryMatrix(counts: CategoryDayPapers[], top: number): CategoryMatrix {
  const totals = new Map<string, number>();
  for (const { category, papers } of counts) totals.set(category, (totals.get(category) ?? 0) + papers);
  const ranked = [...totals.entries()]
    .filter(([category]) => category !== "" && category !== OTHER_CATEGORY)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([category]) => category);
  const shown = ranked.slice(0, top);
  const folded = totals.size > shown.length;
  const categories = folded ? [...shown, OTHER_CATEGORY] : shown;
  const column = new Map(categories.map((category, index) => [category, index]));
  const otherColumn = categories.length - 1;

  const rows = new Map<string, { day: string; counts: number[]; total: number }>();
  for (const { day, category, papers } of counts) {
    let row = rows.get(day);
    if (!row) {
      row = { day, counts: categories.map(() => 0), total: 0 };
      rows.set(day, row);
    }
    const index = column.get(category) ?? otherColumn;
    row.counts[index] = (row.counts[index] ?? 0) + papers;
    row.total += papers;
  }
  return { categories, rows: [...rows.values()].sort((a, b) => a.day.localeCompare(b.day)) };
}
