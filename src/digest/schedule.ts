import { addDays, isoWeekOf } from "../core/calendar.js";

/**
 * When a subscriber's digest is due, in their own time zone. Pure: every function takes the instant
 * it reasons about. A digest belongs to a period (a local day, or a local ISO week) and is due from
 * the subscriber's chosen hour on that day (weekly: on the chosen weekday of that week).
 *
 * Daylight saving: a chosen hour that does not exist that day (the spring-forward gap) falls on the
 * moment the clocks jump (02:00 in New York on that Sunday becomes 03:00 EDT); an hour that happens
 * twice (fall back) is its first occurrence. Either way the period has exactly one due time.
 */
export type Frequency = "daily" | "weekly";

export interface DigestSchedule {
  frequency: Frequency;
  /** ISO weekday, 1 = Monday … 7 = Sunday; used by weekly digests. */
  weekday: number;
  /** Local hour, 0–23. */
  hour: number;
  /** IANA zone, e.g. "Europe/Berlin". */
  timeZone: string;
}

export interface DigestPeriod {
  /** "daily:2026-03-09" or "weekly:2026-W11": at most one digest per subscriber per key. */
  key: string;
  /** The instant the period's digest becomes due. */
  dueAt: Date;
  /** The same instant of the period before (the previous digest's due time). */
  previousDueAt: Date;
}

interface LocalParts {
  day: string;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True for a zone name the runtime knows (IANA names, "UTC"). */
export function isTimeZone(name: string): boolean {
  if (name === "" || name.length > 64) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The local calendar day, hour and minute of an instant in a zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(instantMs: number, timeZone: string): number {
  const local = localParts(new Date(instantMs), timeZone);
  const asUtc = Date.parse(
    `${local.day}T${String(local.hour).padStart(2, "0")}:${String(local.minute).padStart(2, "0")}:00Z`,
  );
  const truncated = instantMs - (((instantMs % 60_000) + 60_000) % 60_000);
  return Math.round((asUtc - truncated) / 60_000);
}

/** The instant a local wall-clock hour begins on a local day (see the daylight-saving rule above). */
export function zonedHourToInstant(day: string, hour: number, timeZone: string): Date {
  const wallMs = Date.parse(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);
  const before = offsetMinutes(wallMs - 12 * 3_600_000, timeZone);
  const after = offsetMinutes(wallMs + 12 * 3_600_000, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wallMs - offset * 60_000)
    .filter((instant) => {
      const local = localParts(new Date(instant), timeZone);
      return local.day === day && local.hour === hour;
    })
    .sort((a, b) => a - b);
  // No candidate: the hour falls in the spring-forward gap; the offset before the jump lands on it.
  return new Date(candidates[0] ?? wallMs - before * 60_000);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD day. */
export function isoWeekday(day: string): number {
  return ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

function periodOfDay(schedule: DigestSchedule, localDay: string): { key: string; dueDay: string } {
  if (schedule.frequency === "daily") return { key: `daily:${localDay}`, dueDay: localDay };
  const monday = addDays(localDay, 1 - isoWeekday(localDay));
  return { key: `weekly:${isoWeekOf(localDay)}`, dueDay: addDays(monday, schedule.weekday - 1) };
}

/** The period the instant falls in, in the subscriber's zone, with its due time. */
export function periodAt(schedule: DigestSchedule, now: Date): DigestPeriod {
  const { key, dueDay } = periodOfDay(schedule, localParts(now, schedule.timeZone).day);
  const step = schedule.frequency === "daily" ? 1 : 7;
  return {
    key,
    dueAt: zonedHourToInstant(dueDay, schedule.hour, schedule.timeZone),
    previousDueAt: zonedHourToInstant(addDays(dueDay, -step), schedule.hour, schedule.timeZone),
  };
}

/**
 * The period whose digest is due at `now`, or null. A period is due once its time has come, and only
 * when that time is after the subscription began (no digest for a period confirmed too late for it).
 * Only the current period counts: a server that was down a whole period does not send old digests.
 */
export function duePeriod(schedule: DigestSchedule, now: Date, activeSince: Date): DigestPeriod | null {
  const period = periodAt(schedule, now);
  if (period.dueAt.getTime() > now.getTime()) return null;
  if (period.dueAt.getTime() < activeSince.getTime()) return null;
  return period;
}

/** arXiv announces at 20:00 New York time; a listing day's papers are public from then. */
const ANNOUNCEMENT_HOUR = 20;

function lastAnnouncedDay(instant: Date): string {
  const local = localParts(instant, "America/New_York");
  return local.hour >= ANNOUNCEMENT_HOUR ? local.day : addDays(local.day, -1);
}

/**
 * The listing days a period's digest covers: those announced after the previous digest was due and
 * up to this one's due time, so consecutive digests never repeat a day nor miss one.
 */
export function listingDaysOf(period: DigestPeriod): { from: string; to: string } {
  return { from: addDays(lastAnnouncedDay(period.previousDueAt), 1), to: lastAnnouncedDay(period.dueAt) };
}
