import { setImmediate as nextTurn } from "node:timers/promises";
import type { DigestStore } from "../store/digest-store.js";

const DAY_MS = 86_400_000;

/**
 * How long a delivery in a final state (sent, failed, unknown) is kept after it was prepared: long
 * past any period a run can still plan (see REPLAN_MARGIN_MS), and long enough for questions about
 * last month's digests (ADR 0009).
 */
export const DELIVERY_RETENTION_DAYS = 30;

/** How often a digest run forgets old deliveries: cheap with the index, but not on every run. */
const FORGET_INTERVAL_MS = 3_600_000;

/**
 * Rows per delete, so a long history (the first pass after an upgrade) never holds a write lock for
 * long: about 35 ms a batch on SQLite (bench/digest-retention.ts); the steady state, a day's digests
 * spread over hourly passes, is one batch a pass for 10,000 daily subscribers.
 */
export const FORGET_BATCH = 500;

/**
 * How far after the newest forgotten delivery's preparation a run may plan: a period of the same key
 * spans at most a week plus a day (a subscriber who changes time zone), and a run may plan a day ahead
 * of the clock; rounded up. Closer than this, the forgotten delivery's period could come round again.
 */
const REPLAN_MARGIN_MS = 10 * DAY_MS;

/** How far ahead of this machine's clock a run may plan (clocks of several workers differ a little). */
const FUTURE_TOLERANCE_MS = DAY_MS;

/** A run asked to plan at a time whose digests could go out twice. */
export class PlanningTimeError extends Error {
  override name = "PlanningTimeError";
}

export interface ForgetSummary {
  deliveries: number;
  runs: number;
  /** Why forgetting stopped part-way (null: it finished); the sending it follows is not affected. */
  error: string | null;
}

/**
 * Keeps the digest history bounded: final deliveries older than the retention (their counts added to
 * their run's totals), and runs older than it with none of their deliveries left (finished, or
 * abandoned by a process that died), are forgotten in batches, at most once per interval per process.
 * What must stay for "never twice" (ADR 0009) stays: prepared and sending deliveries (and so their
 * runs), and every delivery of a period a run may still plan, which `checkPlanningTime` enforces
 * against the forgotten line.
 */
export class DigestRetention {
  private nextForgetAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly digests: DigestStore,
    private readonly clock: () => Date = () => new Date(),
    private readonly batch = FORGET_BATCH,
  ) {}

  /**
   * Refuses a planning time whose periods may have been sent already with no record left: too close to
   * (or before) the newest forgotten delivery, or further ahead than the clock (a digest planned for a
   * far future period would be forgotten before that period comes and is planned again).
   */
  async checkPlanningTime(now: Date): Promise<void> {
    const latest = this.clock().getTime() + FUTURE_TOLERANCE_MS;
    if (now.getTime() > latest)
      throw new PlanningTimeError(
        `cannot plan digests for ${now.toISOString()}: it is more than a day ahead of this machine's clock`,
      );
    const prunedThrough = await this.digests.prunedThrough();
    if (prunedThrough === null) return;
    const earliest = Date.parse(prunedThrough) + REPLAN_MARGIN_MS;
    if (now.getTime() < earliest)
      throw new PlanningTimeError(
        `cannot plan digests for ${now.toISOString()}: the record of digests sent before ${prunedThrough} ` +
          `is no longer kept, so the earliest time a run may plan is ${new Date(earliest).toISOString()}`,
      );
  }

  /**
   * Forgets what is past the retention, unless this process did so less than an interval ago (then
   * null). A failure (a lock held too long, the database briefly away) is reported in the summary, not
   * thrown: the digests of the run were sent; the next run tries again.
   */
  async forgetIfDue(signal?: AbortSignal): Promise<ForgetSummary | null> {
    const now = this.clock().getTime();
    if (now < this.nextForgetAt) return null;
    this.nextForgetAt = now + FORGET_INTERVAL_MS;
    const before = new Date(now - DELIVERY_RETENTION_DAYS * DAY_MS).toISOString();
    const summary: ForgetSummary = { deliveries: 0, runs: 0, error: null };
    try {
      // Deliveries first: a run goes only once none of its deliveries is left.
      await this.inBatches(
        (limit) => this.digests.forgetDeliveries(before, limit),
        signal,
        (forgotten) => {
          summary.deliveries += forgotten;
        },
      );
      await this.inBatches(
        (limit) => this.digests.forgetRuns(before, limit),
        signal,
        (forgotten) => {
          summary.runs += forgotten;
        },
      );
    } catch (error) {
      summary.error = error instanceof Error ? error.message : String(error);
      this.nextForgetAt = Number.NEGATIVE_INFINITY;
    }
    return summary;
  }

  /** Forgets batch after batch until one comes back short; `counted` hears each batch as it commits. */
  private async inBatches(
    forget: (limit: number) => Promise<number>,
    signal: AbortSignal | undefined,
    counted: (forgotten: number) => void,
  ): Promise<void> {
    while (!signal?.aborted) {
      const forgotten = await forget(this.batch);
      counted(forgotten);
      if (forgotten < this.batch) break;
      // Let other work (sends, requests on an all-in-one process) in between batches.
      await nextTurn();
    }
  }
}
