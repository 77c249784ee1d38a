import { isValidDay } from "../../core/calendar.js";
import type { OaiMetadataPrefix } from "./oai-pmh-records.js";

/**
 * The high-water mark of an OAI-PMH harvest, one per (format, set), saved as JSON in the store's source
 * state in the same transaction as each page's papers, so it never runs ahead of what is stored.
 *
 * OAI-PMH datestamps are days, and a list is not ordered by datestamp, so "the latest datestamp seen"
 * says nothing about what is complete. The mark therefore records two things:
 * - `next`: the inclusive `from` of the next run. Every record stamped before that day is stored. It
 *   moves only when a whole list [from, until] is stored, and then to `until` itself, not the day after:
 *   records stamped on `until` may still appear later that day, and re-reading a day is harmless because
 *   upserts are idempotent.
 * - `pending`: the list a run left unfinished (killed, Ctrl-C, a failure), with the resumption token of
 *   its first page not yet stored. A rerun continues it; if the repository no longer honours the token,
 *   the list restarts from its `from`. `next` stays put meanwhile, so nothing of that range is skipped.
 */
export interface HarvestMark {
  next: string | null;
  pending: PendingList | null;
}

export interface HarvestRange {
  /** Inclusive first datestamp; null: from the repository's earliest record. */
  from: string | null;
  /** Inclusive last datestamp (always sent, so the range a completed list covers is known). */
  until: string;
}

export interface PendingList extends HarvestRange {
  token: string;
}

export interface RunPlan {
  range: HarvestRange;
  /** Continue a pending list with this token; null: start the list afresh. */
  token: string | null;
}

export interface RequestedRange {
  from?: string | undefined;
  until?: string | undefined;
}

/** Invalid options or an unreadable stored mark; nothing was requested or written. */
export class HarvestPlanError extends Error {
  override name = "HarvestPlanError";
}

export const EMPTY_MARK: HarvestMark = { next: null, pending: null };

export function markKey(prefix: OaiMetadataPrefix, set: string | undefined): string {
  return `oai:${prefix}:${set ?? "all"}`;
}

function dayOrNull(value: unknown): value is string | null {
  return value === null || (typeof value === "string" && isValidDay(value));
}

function isPendingList(value: unknown): value is PendingList | null {
  if (value === null) return true;
  if (typeof value !== "object") return false;
  const { from, until, token } = value as Record<string, unknown>;
  return dayOrNull(from) && typeof until === "string" && isValidDay(until) && typeof token === "string";
}

export function parseMark(stored: string | null): HarvestMark {
  if (stored === null) return EMPTY_MARK;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    value = undefined;
  }
  const { next, pending } = (value ?? {}) as Record<string, unknown>;
  if (!dayOrNull(next) || !isPendingList(pending)) {
    throw new HarvestPlanError(`the stored harvest mark is unreadable: ${stored}`);
  }
  return { next, pending };
}

export function serialiseMark(mark: HarvestMark): string {
  return JSON.stringify(mark);
}

function checkDay(day: string | undefined, option: string): void {
  if (day !== undefined && !isValidDay(day))
    throw new HarvestPlanError(`${option} must be a YYYY-MM-DD day, got ${day}`);
}

/**
 * What this run asks for. A run without --from/--until continues a pending list; so does one that asks
 * for exactly the pending range. Otherwise a new list from --from (else the mark's `next`, else the
 * beginning) until --until (else today, UTC).
 */
export function planRun(mark: HarvestMark, requested: RequestedRange, today: string): RunPlan {
  checkDay(requested.from, "--from");
  checkDay(requested.until, "--until");
  const { pending } = mark;
  if (pending) {
    const sameRange =
      (requested.from ?? pending.from) === pending.from &&
      (requested.until ?? pending.until) === pending.until;
    const unspecified = requested.from === undefined && requested.until === undefined;
    if (unspecified || sameRange)
      return { range: { from: pending.from, until: pending.until }, token: pending.token };
  }
  const range = { from: requested.from ?? mark.next, until: requested.until ?? today };
  if (range.from !== null && range.from > range.until) {
    throw new HarvestPlanError(`--from ${range.from} is after --until ${range.until}`);
  }
  return { range, token: null };
}

/** After a page of `range` is stored and the list goes on at `token`. */
export function markInProgress(mark: HarvestMark, range: HarvestRange, token: string): HarvestMark {
  return { next: mark.next, pending: { ...range, token } };
}

/**
 * After the last page of `range` is stored. `next` moves to `until` when the range reaches back to it
 * (a run that started after `next` leaves a gap, so it does not move), and never moves backwards.
 */
export function markCompleted(mark: HarvestMark, range: HarvestRange): HarvestMark {
  const { next } = mark;
  const coversNext = next === null || range.from === null || range.from <= next;
  const advances = next === null || range.until > next;
  return { next: coversNext && advances ? range.until : next, pending: null };
}
