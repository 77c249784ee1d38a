import { isValidDay } from "../core/calendar.js";
import { LineRejected } from "./record-fields.js";

/**
 * Source timestamps in their several spellings, turned into ISO-8601 UTC ("2007-04-02T19:18:42.000Z").
 * Every function rejects the line when the text is not a real instant.
 */
const RFC_2822_GMT =
  /^(?:[A-Z][a-z]{2}, )?(\d{1,2}) [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UTC|\+0000)$/;
const UTC_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:Z|\+00:?00)?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

/**
 * Days after tomorrow (UTC) cannot come from arXiv: one such record would pin the "latest day" and so
 * the home page to a future date for good.
 */
function rejectFuture(day: string, text: string, field: string): void {
  if (day > tomorrow()) throw new LineRejected(`"${field}" is in the future: ${text}`);
}

const MS_PER_DAY = 86_400_000;
let tomorrowDay = "";
let tomorrowUntil = 0;

/** Tomorrow's UTC day, worked out again only when the UTC day changes (either way): asked several times a paper. */
function tomorrow(): string {
  const now = Date.now();
  if (now >= tomorrowUntil || now < tomorrowUntil - MS_PER_DAY) {
    tomorrowDay = new Date(now + MS_PER_DAY).toISOString().slice(0, 10);
    tomorrowUntil = (Math.floor(now / MS_PER_DAY) + 1) * MS_PER_DAY;
  }
  return tomorrowDay;
}

function toIso(date: Date, text: string, field: string): string {
  if (Number.isNaN(date.getTime())) throw new LineRejected(`"${field}" is not a valid date: ${text}`);
  const iso = date.toISOString();
  if (!isValidDay(iso.slice(0, 10))) throw new LineRejected(`"${field}" is out of range: ${text}`);
  rejectFuture(iso.slice(0, 10), text, field);
  return iso;
}

/** "Mon, 2 Apr 2007 19:18:42 GMT", as in arXiv metadata version lists. */
export function isoFromRfc2822(text: string, field: string): string {
  const match = RFC_2822_GMT.exec(text.trim());
  if (!match) throw new LineRejected(`"${field}" is not an RFC 2822 GMT date: ${text}`);
  const date = new Date(text);
  // Date rolls a day the month lacks into the next month ("30 Feb" becomes 2 March): refuse it instead.
  if (date.getUTCDate() !== Number(match[1])) throw new LineRejected(`"${field}" is not a real day: ${text}`);
  return toIso(date, text, field);
}

/** "1999-09-17 14:39:02" (UTC, as the arXiv API client prints it) or an ISO instant. */
export function isoFromUtcDateTime(text: string, field: string): string {
  const match = UTC_DATE_TIME.exec(text.trim());
  if (!match || !isValidDay(match[1]!)) throw new LineRejected(`"${field}" is not a UTC date-time: ${text}`);
  return toIso(new Date(`${match[1]}T${match[2]}Z`), text, field);
}

/** A calendar day, read as its midnight UTC. */
export function isoFromDay(day: string, field: string): string {
  return `${requireDay(day, field)}T00:00:00.000Z`;
}

/** An instant already in ISO-8601 UTC form, returned in the canonical spelling. */
export function canonicalIso(text: string, field: string): string {
  if (!ISO_INSTANT.test(text) || !isValidDay(text.slice(0, 10)))
    throw new LineRejected(`"${field}" is not an ISO-8601 UTC instant: ${text}`);
  return toIso(new Date(text), text, field);
}

export function requireDay(day: string, field: string): string {
  if (!isValidDay(day)) throw new LineRejected(`"${field}" is not a YYYY-MM-DD day: ${day}`);
  rejectFuture(day, day, field);
  return day;
}
