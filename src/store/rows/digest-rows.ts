import type { Frequency } from "../../digest/schedule.js";
import { topicsFromJson } from "../../digest/topics.js";
import type {
  Delivery,
  DeliveryState,
  DigestKind,
  DigestRun,
  DigestSettings,
  Subscriber,
  SubscriberStatus,
} from "../digest-store.js";

/** Digest rows as both stores read them (same columns, same mapping). */
export interface SubscriberRow {
  id: string;
  email: string;
  user_id: string | null;
  status: SubscriberStatus;
  frequency: Frequency;
  weekday: number;
  hour: number;
  time_zone: string;
  kind: DigestKind;
  size: number;
  topics: string;
  bounces: number;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
}

export interface DeliveryRow {
  subscriber_id: string;
  period_key: string;
  run_id: string;
  state: DeliveryState;
  digest: string;
  papers: number;
  attempts: number;
  error: string | null;
  prepared_at: string;
  sent_at: string | null;
}

/** A digest run with its counts; each driver returns booleans and counts in its own types. */
export interface RunRow {
  id: string;
  started_at: string;
  finished_at: string | null;
  dry_run: number | boolean;
  due: number;
  prepared: number;
  skipped: number;
  sent: number | string;
  failed: number | string;
}

/**
 * The runs with their sent and failed counts, newest first (the same SQL on both dialects): the run
 * row's `sent` and `failed` hold its deliveries that retention forgot, the deliveries still kept are
 * counted, so the totals stay true while a stuck delivery keeps the run past the retention.
 */
export function recentRunsSql(limitParameter: string): string {
  return `SELECT r.id, r.started_at, r.finished_at, r.dry_run, r.due, r.prepared, r.skipped,
     r.sent + (SELECT count(*) FROM digest_deliveries d WHERE d.run_id = r.id AND d.state = 'sent') AS sent,
     r.failed + (SELECT count(*) FROM digest_deliveries d WHERE d.run_id = r.id AND d.state IN ('failed', 'unknown')) AS failed
   FROM digest_runs r ORDER BY r.started_at DESC LIMIT ${limitParameter}`;
}

/**
 * Runs that started before a time, finished before it or never (their process died: no run lasts the
 * retention), with none of their deliveries left, a batch at a time (both dialects). A delivery that
 * could still be sent (prepared, sending) is never forgotten, so it keeps its run.
 */
export function forgetRunsSql(beforeParameter: string, limitParameter: string): string {
  return `DELETE FROM digest_runs WHERE id IN (
     SELECT r.id FROM digest_runs r
     WHERE r.started_at < ${beforeParameter}
       AND (r.finished_at IS NULL OR r.finished_at < ${beforeParameter})
       AND NOT EXISTS (SELECT 1 FROM digest_deliveries d WHERE d.run_id = r.id)
     ORDER BY r.started_at LIMIT ${limitParameter})`;
}

export function rowToRun(row: RunRow): DigestRun {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    dryRun: row.dry_run === true || row.dry_run === 1,
    due: row.due,
    prepared: row.prepared,
    skipped: row.skipped,
    sent: Number(row.sent),
    failed: Number(row.failed),
  };
}

export const SUBSCRIBER_COLUMNS =
  "id, email, user_id, status, frequency, weekday, hour, time_zone, kind, size, topics, bounces, created_at, confirmed_at, unsubscribed_at";

export function rowToSubscriber(row: SubscriberRow): Subscriber {
  return {
    id: row.id,
    email: row.email,
    userId: row.user_id,
    status: row.status,
    schedule: { frequency: row.frequency, weekday: row.weekday, hour: row.hour, timeZone: row.time_zone },
    kind: row.kind,
    size: row.size,
    topics: topicsFromJson(row.topics),
    bounces: row.bounces,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
    unsubscribedAt: row.unsubscribed_at,
  };
}

export function rowToDelivery(row: DeliveryRow): Delivery {
  return {
    subscriberId: row.subscriber_id,
    periodKey: row.period_key,
    runId: row.run_id,
    state: row.state,
    digest: JSON.parse(row.digest),
    papers: row.papers,
    attempts: row.attempts,
    error: row.error,
    preparedAt: row.prepared_at,
    sentAt: row.sent_at,
  };
}

export function settingsParams(settings: DigestSettings) {
  return {
    frequency: settings.schedule.frequency,
    weekday: settings.schedule.weekday,
    hour: settings.schedule.hour,
    timeZone: settings.schedule.timeZone,
    kind: settings.kind,
    size: settings.size,
    topics: JSON.stringify(settings.topics),
  };
}
