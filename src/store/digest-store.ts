import type { DigestSchedule } from "../digest/schedule.js";
import type { Topics } from "../digest/topics.js";

/**
 * Digest subscribers, their feedback, and the delivery record of every digest (one per subscriber per
 * period; ADR 0009). Plain data only: a PostgreSQL implementation follows the same contract.
 */
export type SubscriberStatus = "pending" | "active" | "unsubscribed" | "bouncing";
export type DigestKind = "trending" | "personal";

export interface DigestSettings {
  schedule: DigestSchedule;
  kind: DigestKind;
  /** Papers per digest, 1–50. */
  size: number;
  topics: Topics;
}

export interface Subscriber extends DigestSettings {
  id: string;
  /** Lower-cased. */
  email: string;
  /** The account managing this subscription, when the subscriber has one. */
  userId: string | null;
  status: SubscriberStatus;
  /** Permanent delivery failures (SMTP 5xx) counted since the last successful delivery. */
  bounces: number;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
}

export interface NewSubscriber extends DigestSettings {
  id: string;
  email: string;
  userId: string | null;
  createdAt: string;
}

export type FeedbackSignal = 1 | -1;

export interface Feedback {
  paperId: string;
  signal: FeedbackSignal;
}

/**
 * Where one digest's delivery stands:
 * prepared → sending → sent; sending → prepared (temporary SMTP failure, retried);
 * sending → failed (permanent failure); sending found by a later worker → unknown (never resent).
 */
export type DeliveryState = "prepared" | "sending" | "sent" | "failed" | "unknown";

/** A rendered mail. */
export interface StoredMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/**
 * What a prepared digest holds: the selection, not the rendered mail (a few hundred bytes instead of
 * tens of kilobytes per digest); the sender renders it, so a retry sends the same papers and reasons.
 */
export interface PreparedDigest {
  to: string;
  kind: DigestKind;
  frequency: string;
  coverage: string;
  picks: { paperId: string; reasons: string[] }[];
}

export interface Delivery {
  subscriberId: string;
  periodKey: string;
  runId: string;
  state: DeliveryState;
  digest: PreparedDigest;
  papers: number;
  attempts: number;
  error: string | null;
  preparedAt: string;
  sentAt: string | null;
}

export interface NewDelivery {
  subscriberId: string;
  periodKey: string;
  runId: string;
  digest: PreparedDigest;
  papers: number;
  preparedAt: string;
  /** The last listing day the digest covers: the subscriber's next one starts after it. */
  coveredThrough: string;
}

export interface DigestRun {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  dryRun: boolean;
  /** Subscribers whose digest was due. */
  due: number;
  /** Digests prepared for sending. */
  prepared: number;
  /** Due digests not sent: nothing to send, or already prepared by an earlier run. */
  skipped: number;
  /**
   * This run's deliveries sent, and failed or unknown: those still kept as they stand now, plus those
   * retention forgot (added to the run as they go), so the totals stay whole.
   */
  sent: number;
  failed: number;
}

export interface DigestStore {
  /** The instance's key for signed digest links (created with the schema). */
  signingKey(): Promise<string>;

  /** Creates the subscriber, or returns the one that already has this email (unchanged). */
  ensureSubscriber(subscriber: NewSubscriber): Promise<Subscriber>;
  subscriberById(id: string): Promise<Subscriber | null>;
  subscriberByEmail(email: string): Promise<Subscriber | null>;
  subscriberByUser(userId: string): Promise<Subscriber | null>;
  /** Links the subscription to the account of the same email. */
  linkUser(subscriberId: string, userId: string): Promise<void>;
  /** Sets the status; `active` records `at` as the confirmation time and clears the bounce count. */
  setStatus(subscriberId: string, status: SubscriberStatus, at: string): Promise<boolean>;
  updateSettings(subscriberId: string, settings: DigestSettings): Promise<void>;
  /** Subscribers who receive digests, in id order after `afterId`, a page at a time. */
  activeSubscribers(afterId: string | null, limit: number): Promise<Subscriber[]>;

  /** Records (or replaces) the subscriber's signal for a paper. */
  saveFeedback(subscriberId: string, paperId: string, signal: FeedbackSignal, at: string): Promise<void>;
  feedback(subscriberId: string): Promise<Feedback[]>;

  /** Records a prepared digest; false when this (subscriber, period) already has one, in any state. */
  prepareDelivery(delivery: NewDelivery): Promise<boolean>;
  delivery(subscriberId: string, periodKey: string): Promise<Delivery | null>;
  /** The last listing day the subscriber's kept digests cover (null: none kept says). */
  coveredThrough(subscriberId: string): Promise<string | null>;
  /** Prepared deliveries, oldest first (recovery re-enqueues their jobs). */
  preparedDeliveries(limit: number): Promise<Delivery[]>;
  /** prepared → sending, counting the attempt; false when it was not prepared (someone else has it). */
  startSending(subscriberId: string, periodKey: string): Promise<boolean>;
  /** sending → sent; clears the subscriber's bounce count. */
  markSent(subscriberId: string, periodKey: string, at: string): Promise<void>;
  /** sending → prepared after a temporary failure, so the retry may send. */
  markRetry(subscriberId: string, periodKey: string, error: string): Promise<void>;
  /**
   * sending → failed. A bounce (a permanent SMTP failure: pass the limit) is counted, and the subscriber
   * marked bouncing when the count reaches `bounceLimit`; null counts nothing. A delivery not in
   * `sending` (a second report of the same failure) counts nothing either. Returns the bounce count.
   */
  markFailed(
    subscriberId: string,
    periodKey: string,
    error: string,
    bounceLimit: number | null,
  ): Promise<number>;
  /** sending → unknown: a delivery interrupted mid-transaction, which is never sent again. */
  markUnknown(subscriberId: string, periodKey: string, error: string): Promise<void>;

  /**
   * Forgets at most `limit` deliveries in a final state (sent, failed, unknown) prepared before
   * `preparedBefore`, oldest first, adds them to their run's sent and failed totals, and moves the
   * retention line (`prunedThrough`) up to the newest one forgotten, in one transaction. Prepared and
   * sending deliveries are never forgotten. Returns how many went.
   */
  forgetDeliveries(preparedBefore: string, limit: number): Promise<number>;
  /**
   * The preparation time of the newest delivery ever forgotten (null while none was): a period before
   * it may have been sent already with no record of it left, so it must never be planned again.
   */
  prunedThrough(): Promise<string | null>;
  /**
   * Forgets at most `limit` runs that started before `before`, finished before it or never (a run whose
   * process died), and have no delivery left, oldest first. Returns how many went.
   */
  forgetRuns(before: string, limit: number): Promise<number>;

  recordRun(run: Omit<DigestRun, "sent" | "failed">): Promise<void>;
  /** Newest first, with sent and failed counted from their deliveries. */
  recentRuns(limit: number): Promise<DigestRun[]>;
}
