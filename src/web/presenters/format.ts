import type { Period } from "../../core/calendar.js";

/** Date and number formatting for views. Formatters are built once: Intl constructors are slow. */

const SHORT_DATE = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  month: "short",
  day: "numeric",
  year: "numeric",
});
const SHORT_DAY = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" });
const LONG_DATE = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  weekday: "long",
  month: "long",
  day: "numeric",
  year: "numeric",
});
const MONTH = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "long", year: "numeric" });
const COUNT = new Intl.NumberFormat("en-US");

function utcDate(dayOrInstant: string): Date {
  return new Date(dayOrInstant.length === 10 ? `${dayOrInstant}T00:00:00Z` : dayOrInstant);
}

/** "Sep 11, 2025" from a day (YYYY-MM-DD) or an ISO timestamp. */
export function formatShortDate(dayOrInstant: string): string {
  return SHORT_DATE.format(utcDate(dayOrInstant));
}

/** "Thursday, September 11, 2025". */
export function formatLongDate(day: string): string {
  return LONG_DATE.format(utcDate(day));
}

export function formatCount(count: number): string {
  return COUNT.format(count);
}

/** A list's title with the page it is on, after the first: tabs and history tell the pages apart. */
export function titleWithPage(title: string, page: number): string {
  return page > 1 ? `${title} · page ${page}` : title;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/**
 * The period as a heading: "Thursday, September 11, 2025", "Week 37 · Sep 8 – Sep 14, 2025", "September
 * 2025"; a week across New Year names both years: "Week 53 · Dec 28, 1998 – Jan 3, 1999".
 */
export function formatPeriod(period: Period): string {
  if (period.kind === "day") return formatLongDate(period.from);
  if (period.kind === "month") return MONTH.format(utcDate(period.from));
  const sameYear = period.from.slice(0, 4) === period.to.slice(0, 4);
  const start = sameYear ? SHORT_DAY.format(utcDate(period.from)) : formatShortDate(period.from);
  return `Week ${Number(period.label.slice(6))} · ${start} – ${formatShortDate(period.to)}`;
}

/**
 * A short name for navigation links, with its year, as the neighbouring period may lie years away:
 * "Sep 10, 2025", "Week 36, 2025", "August 2025".
 */
export function formatPeriodShort(period: Period): string {
  if (period.kind === "day") return formatShortDate(period.from);
  if (period.kind === "month") return MONTH.format(utcDate(period.from));
  return `Week ${Number(period.label.slice(6))}, ${period.label.slice(0, 4)}`;
}

export function periodPath(period: Period): string {
  return `/${period.kind}s/${period.label}`;
}
