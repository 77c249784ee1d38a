import { Cron } from "croner";

/** arXiv announces at 20:00 New York time, so schedules are read in that zone (daylight saving included). */
export const ARXIV_TIMEZONE = "America/New_York";

/** Minute-level (5 fields) or second-level (6 fields) cron patterns; croner reads both. */
export const CRON_MODE = "5-or-6-parts";

/**
 * True for a cron pattern croner can parse and that ever fires. Croner also takes dates and ISO
 * strings as one-off patterns; counting fields first refuses those, so a typo never becomes a single run.
 */
export function isCronSchedule(pattern: string): boolean {
  const fields = pattern.trim().split(/\s+/).length;
  if (fields !== 5 && fields !== 6) return false;
  try {
    const cron = new Cron(pattern.trim(), { paused: true, timezone: ARXIV_TIMEZONE, mode: CRON_MODE });
    const fires = cron.nextRun() !== null;
    cron.stop();
    return fires;
  } catch {
    return false;
  }
}

/** How far back from a trigger its due time is looked for, at most (timers fire late under load). */
const MAX_LATENESS_MS = 30_000;

/**
 * The time a trigger was due: croner fires a moment after it, and two workers' timers fire moments
 * apart, so the due time (not either clock reading) names the run they compete for. Looks back at
 * most half the interval to the next run, so a late trigger is never mistaken for the one before.
 */
export function dueTimeOf(pattern: string, timezone: string, triggeredAt: Date): Date {
  const cron = new Cron(pattern.trim(), { paused: true, timezone, mode: CRON_MODE });
  try {
    const [next, afterNext] = cron.nextRuns(2, triggeredAt);
    const interval = next && afterNext ? afterNext.getTime() - next.getTime() : MAX_LATENESS_MS * 2;
    const lookback = Math.min(MAX_LATENESS_MS, interval / 2);
    const due = cron.nextRun(new Date(triggeredAt.getTime() - lookback));
    return due && due.getTime() <= triggeredAt.getTime() ? due : triggeredAt;
  } finally {
    cron.stop();
  }
}
