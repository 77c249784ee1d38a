/**
 * Calendar periods for the daily, weekly and monthly pages. Days are plain YYYY-MM-DD strings
 * (arXiv announcement days, America/New_York); weeks are ISO weeks (2025-W37); months are YYYY-MM.
 * All arithmetic is done on UTC midnights so no local time zone leaks in.
 */
export type PeriodKind = "day" | "week" | "month";

export interface Period {
  kind: PeriodKind;
  /** The canonical label: 2025-09-11, 2025-W37 or 2025-09. */
  label: string;
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function toDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * True for a real calendar day in YYYY-MM-DD form between years 1990 and 2999. Plain arithmetic, not a
 * Date round trip: an import checks several days per paper, and this was a fifth of its parsing time.
 */
export function isValidDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return (
    year >= 1990 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

export function addDays(day: string, count: number): string {
  return formatDay(new Date(toDate(day).getTime() + count * MS_PER_DAY));
}

/** Monday of the ISO week containing the day. */
function mondayOf(day: string): string {
  const weekday = (toDate(day).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** ISO week label (2025-W37) of a day. */
export function isoWeekOf(day: string): string {
  const thursday = addDays(mondayOf(day), 3);
  const year = Number(thursday.slice(0, 4));
  const firstWeekMonday = mondayOf(`${year}-01-04`);
  const week =
    Math.round((toDate(mondayOf(day)).getTime() - toDate(firstWeekMonday).getTime()) / (7 * MS_PER_DAY)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

export function dayPeriod(day: string): Period {
  return { kind: "day", label: day, from: day, to: day };
}

export function weekPeriodOf(day: string): Period {
  const from = mondayOf(day);
  return { kind: "week", label: isoWeekOf(day), from, to: addDays(from, 6) };
}

export function monthPeriodOf(day: string): Period {
  const label = day.slice(0, 7);
  const next = toDate(`${label}-01`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return { kind: "month", label, from: `${label}-01`, to: addDays(formatDay(next), -1) };
}

/** Parses a period label of the given kind; null when malformed or not a real date. */
export function parsePeriod(kind: PeriodKind, label: string): Period | null {
  if (kind === "day") return isValidDay(label) ? dayPeriod(label) : null;
  if (kind === "month") {
    const match = MONTH.exec(label);
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) return null;
    return isValidDay(`${label}-01`) ? monthPeriodOf(`${label}-01`) : null;
  }
  const match = WEEK.exec(label);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || !isValidDay(`${year}-01-04`)) return null;
  const monday = addDays(mondayOf(`${year}-01-04`), (week - 1) * 7);
  if (isoWeekOf(monday) !== label) return null;
  return weekPeriodOf(monday);
}

/**
 * The day a period with no papers anchors the day/week/month switch on: a week's Thursday (the day
 * ISO numbering files a week under) and a month's 15th, so month → week → month comes back to the
 * month it left instead of the one holding the week's Monday.
 */
export function middleDay(period: Period): string {
  if (period.kind === "week") return addDays(period.from, 3);
  if (period.kind === "month") return addDays(period.from, 14);
  return period.from;
}

/** The period of the same kind just before (-1) or after (+1) this one. */
export function shiftPeriod(period: Period, direction: -1 | 1): Period {
  if (period.kind === "day") return dayPeriod(addDays(period.from, direction));
  if (period.kind === "week") return weekPeriodOf(addDays(period.from, 7 * direction));
  return monthPeriodOf(direction === 1 ? addDays(period.to, 1) : addDays(period.from, -1));
}

/** The America/New_York calendar day of an instant (arXiv announces on New York days). */
export function newYorkDay(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "America/New_York",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}
