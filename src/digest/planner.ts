import { newId } from "../community/secrets.js";
import { addDays } from "../core/calendar.js";
import type { JobQueue } from "../jobs/queue.js";
import type { DigestStore, PreparedDigest, StoredMessage, Subscriber } from "../store/digest-store.js";
import type { CandidateSource } from "./candidates.js";
import { prepareDigest, renderPicks } from "./prepared.js";
import type { DigestLinks } from "./render.js";
import { type DigestPeriod, duePeriod, listingDaysOf } from "./schedule.js";
import { type Pick, selectPersonal, selectTrending } from "./selection.js";

/** The queue digest jobs go to; a job's data names the delivery it sends. */
export const DIGEST_QUEUE = "digest-send";

export interface DigestJobData {
  subscriberId: string;
  periodKey: string;
}

export interface RetryPolicy {
  retryLimit: number;
  retryDelaySeconds: number;
}

export interface PlanOptions {
  now: Date;
  dryRun: boolean;
  /** Most digests to prepare in this run (the rest wait for the next run). */
  limit: number;
}

export interface PlanSummary {
  runId: string;
  due: number;
  prepared: number;
  /** Due but empty (nothing matched), or prepared by an earlier run already. */
  skipped: number;
  /** Dry runs: what would be sent. */
  previews: { email: string; subject: string; papers: number }[];
  /** Time spent selecting and rendering the due digests, in total. */
  composeMs: number;
  /** The whole planning phase (selection, rendering, recording, enqueueing). */
  elapsedMs: number;
}

export interface ComposedDigest {
  period: DigestPeriod;
  /** The listing days it covers. */
  days: { from: string; to: string };
  picks: Pick[];
  digest: PreparedDigest;
}

/** The longest a digest reaches back to the end of the last one: what a fortnight's pause missed. */
const MAX_CATCH_UP_DAYS = 14;

/**
 * The listing days a digest covers: its period's, but starting right after the last day the
 * subscriber's previous digest covered (`coveredThrough`), so a change of frequency, weekday or time
 * zone neither sends a day twice nor skips one. Empty (from after to) when nothing new is left.
 */
export function coveredDays(
  period: DigestPeriod,
  coveredThrough: string | null,
): { from: string; to: string } {
  const days = listingDaysOf(period);
  if (coveredThrough === null) return days;
  const earliest = addDays(days.to, 1 - MAX_CATCH_UP_DAYS);
  const next = addDays(coveredThrough, 1);
  // YYYY-MM-DD days sort as text: the later of the two.
  const [, from] = [earliest, next].sort() as [string, string];
  return { from, to: days.to };
}

const SUBSCRIBER_PAGE = 500;

/**
 * Finds the subscribers whose digest is due, selects and renders each digest, records it as a
 * prepared delivery and enqueues its job (both keyed by subscriber and period, so a second run, or a
 * run after a crash, prepares nothing twice and re-enqueues what lacks a job).
 */
export class DigestPlanner {
  constructor(
    private readonly digests: DigestStore,
    private readonly queue: JobQueue,
    private readonly candidates: CandidateSource,
    private readonly links: DigestLinks,
    private readonly retry: RetryPolicy,
  ) {}

  /**
   * The digest this subscriber gets for a period (due or not), starting after `coveredThrough`, the
   * last day their previous digest covered (null: the period's own days, as a preview shows them).
   */
  async compose(
    subscriber: Subscriber,
    period: DigestPeriod,
    coveredThrough: string | null = null,
  ): Promise<ComposedDigest> {
    const days = coveredDays(period, coveredThrough);
    if (days.from > days.to) return { period, days, picks: [], digest: prepareDigest(subscriber, "", []) };
    const papers = await this.candidates.papersOn(days.from, days.to);
    let picks: Pick[];
    if (subscriber.kind === "trending") {
      picks = selectTrending(papers, subscriber.size);
    } else {
      const feedback = await this.digests.feedback(subscriber.id);
      const similarities = await this.candidates.similarities(subscriber, feedback, papers);
      const disliked = new Set(feedback.filter((entry) => entry.signal === -1).map((entry) => entry.paperId));
      picks = selectPersonal(papers, subscriber.topics, subscriber.size, {
        similarities,
        exclude: disliked,
        index: this.candidates.indexOf(papers),
      });
    }
    const coverage = days.from === days.to ? days.from : `${days.from} – ${days.to}`;
    return { period, days, picks, digest: prepareDigest(subscriber, coverage, picks) };
  }

  /** The mail of a composed digest, as the sender will render it. */
  render(subscriber: Subscriber, composed: ComposedDigest): StoredMessage {
    return renderPicks(composed.digest, subscriber.id, composed.picks, this.links);
  }

  async plan(options: PlanOptions): Promise<PlanSummary> {
    const started = performance.now();
    const summary: PlanSummary = {
      runId: newId(),
      due: 0,
      prepared: 0,
      skipped: 0,
      previews: [],
      composeMs: 0,
      elapsedMs: 0,
    };
    const startedAt = options.now.toISOString();
    const record = (finishedAt: string | null) =>
      this.digests.recordRun({
        id: summary.runId,
        startedAt,
        finishedAt,
        dryRun: options.dryRun,
        due: summary.due,
        prepared: summary.prepared,
        skipped: summary.skipped,
      });
    if (!options.dryRun) await record(null);
    let afterId: string | null = null;
    for (;;) {
      const page = await this.digests.activeSubscribers(afterId, SUBSCRIBER_PAGE);
      for (const subscriber of page) {
        if (summary.prepared + summary.previews.length >= options.limit) break;
        await this.planOne(subscriber, options, summary);
      }
      const last = page.at(-1);
      if (
        !last ||
        page.length < SUBSCRIBER_PAGE ||
        summary.prepared + summary.previews.length >= options.limit
      )
        break;
      afterId = last.id;
    }
    if (!options.dryRun) {
      await this.enqueuePrepared(summary.runId);
      await record(new Date().toISOString());
    }
    summary.elapsedMs = performance.now() - started;
    return summary;
  }

  private async planOne(subscriber: Subscriber, options: PlanOptions, summary: PlanSummary): Promise<void> {
    const period = duePeriod(
      subscriber.schedule,
      options.now,
      new Date(subscriber.confirmedAt ?? subscriber.createdAt),
    );
    if (!period) return;
    if (await this.digests.delivery(subscriber.id, period.key)) return;
    summary.due++;
    const composing = performance.now();
    const digest = await this.compose(subscriber, period, await this.digests.coveredThrough(subscriber.id));
    summary.composeMs += performance.now() - composing;
    if (digest.picks.length === 0) {
      summary.skipped++;
      return;
    }
    if (options.dryRun) {
      const { subject } = this.render(subscriber, digest);
      summary.previews.push({ email: subscriber.email, subject, papers: digest.picks.length });
      return;
    }
    const prepared = await this.digests.prepareDelivery({
      subscriberId: subscriber.id,
      periodKey: period.key,
      runId: summary.runId,
      digest: digest.digest,
      papers: digest.picks.length,
      preparedAt: new Date().toISOString(),
      coveredThrough: digest.days.to,
    });
    if (!prepared) {
      summary.skipped++;
      return;
    }
    summary.prepared++;
    await this.enqueue({ subscriberId: subscriber.id, periodKey: period.key });
  }

  private enqueue(data: DigestJobData): Promise<string | null> {
    return this.queue.send(DIGEST_QUEUE, data, {
      singletonKey: `${data.subscriberId}/${data.periodKey}`,
      retryLimit: this.retry.retryLimit,
      retryDelay: this.retry.retryDelaySeconds,
      retryBackoff: true,
    });
  }

  /**
   * Recovery: a process that died between recording a delivery and enqueueing its job left a
   * prepared delivery without a job; the singleton key makes this a no-op for the others. This
   * run's own deliveries were enqueued as they were prepared, so they are skipped.
   */
  async enqueuePrepared(runId: string): Promise<void> {
    for (const delivery of await this.digests.preparedDeliveries(100_000)) {
      if (delivery.runId === runId) continue;
      await this.enqueue({ subscriberId: delivery.subscriberId, periodKey: delivery.periodKey });
    }
  }
}
