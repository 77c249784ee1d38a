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
