import type { JobQueue } from "../jobs/queue.js";
import type { Mailer } from "../mail/mailer.js";
import { classifySmtpFailure, describeSmtpFailure } from "../mail/smtp-failure.js";
import type { DigestStore, PreparedDigest, StoredMessage } from "../store/digest-store.js";
import { DIGEST_QUEUE, type DigestJobData, type RetryPolicy } from "./planner.js";
import type { SendRate } from "./send-rate.js";

export interface SenderOptions {
  retry: RetryPolicy;
  bounceLimit: number;
  /** Mails in flight at once. */
  concurrency: number;
  /** How long a worker holds a job before another may take it (longer than any SMTP transaction). */
  leaseSeconds: number;
}

export interface DrainSummary {
  sent: number;
  /** Failed for good this drain (permanent failure, or retries used up). */
  failed: number;
  /** Found mid-send by an earlier process: not sent again (ADR 0009). */
  unknown: number;
  /** Temporary failures scheduled for a later retry. */
  retrying: number;
  /** Why sending failed, as "address: reason", the first MAX_FAILURES_KEPT of them (retries included). */
  failures: string[];
  elapsedMs: number;
}

const MAX_FAILURES_KEPT = 20;

export interface DrainOptions {
  /** Wait for retries falling due before this time; later ones are left to the next run. */
  waitUntil: Date;
  signal?: AbortSignal;
}

type Outcome = "sent" | "failed" | "unknown" | "retrying" | "skipped";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Works the digest queue. Each delivery goes prepared → sending (committed before the SMTP
 * transaction opens) → sent; a job that finds its delivery already `sending` belongs to a process
 * that died mid-transaction: whether the server accepted that message is unknowable, so it is marked
 * unknown and never sent again. At most once, and exactly once for every crash before the transaction.
 */
export class DigestSender {
  constructor(
    private readonly digests: DigestStore,
    private readonly queue: JobQueue,
    private readonly mailer: Mailer,
    /** Renders a prepared digest (null: none of its papers is stored any more). */
    private readonly render: (
      prepared: PreparedDigest,
      subscriberId: string,
    ) => Promise<StoredMessage | null>,
    private readonly rate: SendRate,
    private readonly options: SenderOptions,
  ) {}

  async drain(options: DrainOptions): Promise<DrainSummary> {
    const started = performance.now();
    const summary: DrainSummary = { sent: 0, failed: 0, unknown: 0, retrying: 0, failures: [], elapsedMs: 0 };
    for (;;) {
      if (options.signal?.aborted) break;
      const jobs = await this.queue.fetch<DigestJobData>(DIGEST_QUEUE, {
        batchSize: this.options.concurrency * 4,
        leaseSeconds: this.options.leaseSeconds,
      });
      if (jobs.length === 0) {
        const counts = await this.queue.counts(DIGEST_QUEUE);
        const next = counts.nextStartAfter;
        if (!next || next.getTime() > options.waitUntil.getTime()) break;
        await sleep(Math.max(10, next.getTime() - Date.now()));
        continue;
      }
      let index = 0;
      const worker = async () => {
        while (index < jobs.length) {
          const job = jobs[index++]!;
          const outcome = await this.deliver(job.id, job.data, job.retryCount, summary.failures);
          if (outcome === "sent" || outcome === "failed" || outcome === "unknown") summary[outcome]++;
        }
      };
      await Promise.all(Array.from({ length: this.options.concurrency }, worker));
      summary.retrying = (await this.queue.counts(DIGEST_QUEUE)).waiting;
    }
    summary.elapsedMs = performance.now() - started;
    return summary;
  }

  private async deliver(
    jobId: string,
    data: DigestJobData,
    retryCount: number,
    failures: string[],
  ): Promise<Outcome> {
    const { subscriberId, periodKey } = data;
    const delivery = await this.digests.delivery(subscriberId, periodKey);
    if (
      !delivery ||
      delivery.state === "sent" ||
      delivery.state === "failed" ||
      delivery.state === "unknown"
    ) {
      await this.queue.complete(DIGEST_QUEUE, jobId);
      return "skipped";
    }
    if (delivery.state === "sending") {
      await this.digests.markUnknown(subscriberId, periodKey, "interrupted during the SMTP transaction");
      await this.queue.complete(DIGEST_QUEUE, jobId);
      return "unknown";
    }
    const subscriber = await this.digests.subscriberById(subscriberId);
    if (subscriber?.status !== "active") {
      // Unsubscribed (or bouncing) since the digest was prepared: it takes effect at once.
      await this.digests.startSending(subscriberId, periodKey);
      await this.digests.markFailed(
        subscriberId,
        periodKey,
        `subscriber is ${subscriber?.status ?? "gone"}`,
        null,
      );
      await this.queue.complete(DIGEST_QUEUE, jobId);
      return "skipped";
    }
    const message = await this.render(delivery.digest, subscriberId);
    if (!message) {
      await this.digests.startSending(subscriberId, periodKey);
      await this.digests.markFailed(subscriberId, periodKey, "none of its papers is stored any more", null);
      await this.queue.complete(DIGEST_QUEUE, jobId);
      return "skipped";
    }
    await this.rate.take();
    if (!(await this.digests.startSending(subscriberId, periodKey))) {
      await this.queue.complete(DIGEST_QUEUE, jobId);
      return "skipped";
    }
    try {
      await this.mailer.send({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
      });
    } catch (error) {
      const reason = describeSmtpFailure(error);
      if (failures.length < MAX_FAILURES_KEPT) failures.push(`${message.to}: ${reason}`);
      const failure = classifySmtpFailure(error);
      if (failure === "outcome-unknown") {
        await this.digests.markUnknown(
          subscriberId,
          periodKey,
          `connection lost after the message: ${reason}`,
        );
        await this.queue.complete(DIGEST_QUEUE, jobId);
        return "unknown";
      }
      if (failure !== "temporary") {
        const bounceLimit = failure === "recipient-refused" ? this.options.bounceLimit : null;
        await this.digests.markFailed(subscriberId, periodKey, reason, bounceLimit);
        await this.queue.fail(DIGEST_QUEUE, jobId, reason, { permanent: true });
        return "failed";
      }
      if (retryCount >= this.options.retry.retryLimit) {
        await this.digests.markFailed(subscriberId, periodKey, `gave up: ${reason}`, null);
        await this.queue.fail(DIGEST_QUEUE, jobId, reason, { permanent: true });
        return "failed";
      }
      await this.digests.markRetry(subscriberId, periodKey, reason);
      await this.queue.fail(DIGEST_QUEUE, jobId, reason, { permanent: false });
      return "retrying";
    }
    await this.digests.markSent(subscriberId, periodKey, new Date().toISOString());
    await this.queue.complete(DIGEST_QUEUE, jobId);
    return "sent";
  }
}
