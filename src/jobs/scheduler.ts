import { Cron } from "croner";
import { CRON_MODE, dueTimeOf } from "./cron-schedule.js";

/**
 * Runs one job on a cron schedule inside a long-lived process (the server). Never two runs at once:
 * a run still going when the next time comes makes croner skip that time (`protect`), and the skip
 * is logged. stop() cancels the schedule, aborts the run in progress through its signal and waits for
 * it, so the caller can close the store afterwards.
 */
export type ScheduledJob = (signal: AbortSignal, dueAt: Date) => Promise<void>;

/** The subset of Fastify's (pino) logger the scheduler writes to. */
export interface SchedulerLog {
  info(message: string): void;
  warn(message: string): void;
  error(details: { err: unknown }, message: string): void;
}

export interface SchedulerOptions {
  /** Job name for the log lines, e.g. "daily ingest". */
  name: string;
  /** A cron pattern (5 or 6 fields), read in `timezone`; validated by config at boot. */
  schedule: string;
  /** IANA zone, e.g. "America/New_York". */
  timezone: string;
  job: ScheduledJob;
  log: SchedulerLog;
  /**
   * Asks the shared store whether this process may run the occurrence due at the given time (see
   * PaperStore.claimScheduledRun); without it every process with the schedule runs every occurrence.
   */
  claim?: (dueAt: Date) => Promise<boolean>;
  /**
   * What this process does for an occurrence another worker claimed: digests help send the jobs the
   * claimant queues (the queue hands each to one worker). Without it, nothing.
   */
  whenClaimedElsewhere?: ScheduledJob;
}

export interface Scheduler {
  /** The next time the job is due; null once stopped. */
  nextRun(): Date | null;
  /** Stops the schedule and the run in progress; resolves when that run has ended. */
  stop(): Promise<void>;
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  const { name, log } = options;
  const controller = new AbortController();
  let current: Promise<void> | null = null;

  async function runOnce(triggeredAt: Date): Promise<void> {
    const started = Date.now();
    try {
      const dueAt = dueTimeOf(options.schedule, options.timezone, triggeredAt);
      if (options.claim && !(await options.claim(dueAt))) {
        log.info(`${name}: the run due at ${dueAt.toISOString()} belongs to another worker`);
        await options.whenClaimedElsewhere?.(controller.signal, dueAt);
        return;
      }
      log.info(`${name}: started`);
      await options.job(controller.signal, dueAt);
      log.info(`${name}: finished in ${Math.round((Date.now() - started) / 1_000)} s`);
    } catch (error) {
      // A failed run must not end the schedule: log it; the next time comes as usual.
      log.error({ err: error }, `${name}: failed`);
    }
    const next = cron.nextRun();
    if (next) log.info(`${name}: next run at ${next.toISOString()}`);
  }

  const cron = new Cron(
    options.schedule,
    {
      timezone: options.timezone,
      mode: CRON_MODE,
      protect: () => log.warn(`${name}: skipped, the previous run is still going`),
    },
    () => {
      current = runOnce(new Date()).finally(() => {
        current = null;
      });
      return current;
    },
  );

  return {
    nextRun: () => cron.nextRun(),
    async stop() {
      cron.stop();
      controller.abort(new Error(`${name} stopped`));
      await current;
    },
  };
}
