import type pg from "pg";
import type {
  Delivery,
  DeliveryState,
  DigestRun,
  DigestSettings,
  DigestStore,
  Feedback,
  FeedbackSignal,
  NewDelivery,
  NewSubscriber,
  Subscriber,
  SubscriberStatus,
} from "../digest-store.js";
import {
  type DeliveryRow,
  forgetRunsSql,
  type RunRow,
  recentRunsSql,
  rowToDelivery,
  rowToRun,
  rowToSubscriber,
  SUBSCRIBER_COLUMNS,
  type SubscriberRow,
  settingsParams,
} from "../rows/digest-rows.js";
import { inTransaction, type Queryable } from "./transaction.js";

/**
 * The PostgreSQL side of the digest store. Every delivery transition is one conditional UPDATE
 * (`WHERE state = from`), so two workers holding the same delivery's job cannot both move it.
 */
export class PostgresDigestStore implements DigestStore {
  constructor(private readonly pool: pg.Pool) {}

  async signingKey(): Promise<string> {
    const row = await this.pool.query<{ key: string }>("SELECT key FROM digest_signing_key WHERE id = 1");
    const key = row.rows[0]?.key;
    if (!key) throw new Error("the digest signing key is missing from the database");
    return key;
  }

  async ensureSubscriber(subscriber: NewSubscriber): Promise<Subscriber> {
    const email = subscriber.email.toLowerCase();
    const settings = settingsParams(subscriber);
    await this.pool.query(
      `INSERT INTO digest_subscribers (id, email, user_id, status, frequency, weekday, hour, time_zone, kind, size, topics, created_at)
       VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (email) DO NOTHING`,
      [
        subscriber.id,
        email,
        subscriber.userId,
        settings.frequency,
        settings.weekday,
        settings.hour,
        settings.timeZone,
        settings.kind,
        settings.size,
        settings.topics,
        subscriber.createdAt,
      ],
    );
    const stored = await this.subscriberWhere("email = $1", email);
    if (!stored) throw new Error(`the subscriber ${email} vanished while being created`);
    return stored;
  }

  private async subscriberWhere(condition: string, value: string): Promise<Subscriber | null> {
    const rows = await this.pool.query<SubscriberRow>(
      `SELECT ${SUBSCRIBER_COLUMNS} FROM digest_subscribers WHERE ${condition}`,
      [value],
    );
    return rows.rows[0] ? rowToSubscriber(rows.rows[0]) : null;
  }

  subscriberById(id: string): Promise<Subscriber | null> {
    return this.subscriberWhere("id = $1", id);
  }

  subscriberByEmail(email: string): Promise<Subscriber | null> {
    return this.subscriberWhere("email = $1", email.toLowerCase());
  }

  subscriberByUser(userId: string): Promise<Subscriber | null> {
    return this.subscriberWhere("user_id = $1", userId);
  }

  async linkUser(subscriberId: string, userId: string): Promise<void> {
    await this.pool.query("UPDATE digest_subscribers SET user_id = $1 WHERE id = $2", [userId, subscriberId]);
  }

  async setStatus(subscriberId: string, status: SubscriberStatus, at: string): Promise<boolean> {
    const result =
      status === "active"
        ? await this.pool.query(
            "UPDATE digest_subscribers SET status = 'active', confirmed_at = $1, unsubscribed_at = NULL, bounces = 0 WHERE id = $2",
            [at, subscriberId],
          )
        : status === "unsubscribed"
          ? await this.pool.query(
              "UPDATE digest_subscribers SET status = 'unsubscribed', unsubscribed_at = $1 WHERE id = $2",
              [at, subscriberId],
            )
          : await this.pool.query("UPDATE digest_subscribers SET status = $1 WHERE id = $2", [
              status,
              subscriberId,
            ]);
    return (result.rowCount ?? 0) > 0;
  }

  async updateSettings(subscriberId: string, settings: DigestSettings): Promise<void> {
    const values = settingsParams(settings);
    await this.pool.query(
      `UPDATE digest_subscribers SET frequency = $1, weekday = $2, hour = $3, time_zone = $4, kind = $5, size = $6, topics = $7
       WHERE id = $8`,
      [
        values.frequency,
        values.weekday,
        values.hour,
        values.timeZone,
        values.kind,
        values.size,
        values.topics,
        subscriberId,
      ],
    );
  }

  async activeSubscribers(afterId: string | null, limit: number): Promise<Subscriber[]> {
    const rows = await this.pool.query<SubscriberRow>(
      `SELECT ${SUBSCRIBER_COLUMNS} FROM digest_subscribers WHERE status = 'active' AND id > $1 ORDER BY id LIMIT $2`,
      [afterId ?? "", limit],
    );
    return rows.rows.map(rowToSubscriber);
  }

  async saveFeedback(
    subscriberId: string,
    paperId: string,
    signal: FeedbackSignal,
    at: string,
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO digest_feedback (subscriber_id, paper_id, signal, at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (subscriber_id, paper_id) DO UPDATE SET signal = excluded.signal, at = excluded.at`,
      [subscriberId, paperId, signal, at],
    );
  }

  async feedback(subscriberId: string): Promise<Feedback[]> {
    const rows = await this.pool.query<{ paper_id: string; signal: FeedbackSignal }>(
      "SELECT paper_id, signal FROM digest_feedback WHERE subscriber_id = $1 ORDER BY at DESC LIMIT 200",
      [subscriberId],
    );
    return rows.rows.map((row) => ({ paperId: row.paper_id, signal: row.signal }));
  }

  async prepareDelivery(delivery: NewDelivery): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO digest_deliveries
         (subscriber_id, period_key, run_id, state, digest, papers, prepared_at, covered_through)
       VALUES ($1, $2, $3, 'prepared', $4, $5, $6, $7)
       ON CONFLICT (subscriber_id, period_key) DO NOTHING`,
      [
        delivery.subscriberId,
        delivery.periodKey,
        delivery.runId,
        JSON.stringify(delivery.digest),
        delivery.papers,
        delivery.preparedAt,
        delivery.coveredThrough,
      ],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async delivery(subscriberId: string, periodKey: string): Promise<Delivery | null> {
    const rows = await this.pool.query<DeliveryRow>(
      "SELECT * FROM digest_deliveries WHERE subscriber_id = $1 AND period_key = $2",
      [subscriberId, periodKey],
    );
    return rows.rows[0] ? rowToDelivery(rows.rows[0]) : null;
  }

  async coveredThrough(subscriberId: string): Promise<string | null> {
    const rows = await this.pool.query<{ through: string | null }>(
      "SELECT max(covered_through) AS through FROM digest_deliveries WHERE subscriber_id = $1",
      [subscriberId],
    );
    return rows.rows[0]?.through ?? null;
  }

  async preparedDeliveries(limit: number): Promise<Delivery[]> {
    const rows = await this.pool.query<DeliveryRow>(
      "SELECT * FROM digest_deliveries WHERE state = 'prepared' ORDER BY prepared_at LIMIT $1",
      [limit],
    );
    return rows.rows.map(rowToDelivery);
  }

  private async transition(
    db: Queryable,
    subscriberId: string,
    periodKey: string,
    from: DeliveryState,
    to: DeliveryState,
    extra: { error?: string | null; attempt?: number; sentAt?: string | null } = {},
  ): Promise<boolean> {
    const result = await db.query(
      `UPDATE digest_deliveries SET state = $1, error = $2, attempts = attempts + $3, sent_at = $4
       WHERE subscriber_id = $5 AND period_key = $6 AND state = $7`,
      [to, extra.error ?? null, extra.attempt ?? 0, extra.sentAt ?? null, subscriberId, periodKey, from],
    );
    return (result.rowCount ?? 0) > 0;
  }

  startSending(subscriberId: string, periodKey: string): Promise<boolean> {
    return this.transition(this.pool, subscriberId, periodKey, "prepared", "sending", { attempt: 1 });
  }

  async markSent(subscriberId: string, periodKey: string, at: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      if (await this.transition(client, subscriberId, periodKey, "sending", "sent", { sentAt: at }))
        await client.query("UPDATE digest_subscribers SET bounces = 0 WHERE id = $1", [subscriberId]);
    });
  }

  async markRetry(subscriberId: string, periodKey: string, error: string): Promise<void> {
    await this.transition(this.pool, subscriberId, periodKey, "sending", "prepared", { error });
  }

  markFailed(
    subscriberId: string,
    periodKey: string,
    error: string,
    bounceLimit: number | null,
  ): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const failed = await this.transition(client, subscriberId, periodKey, "sending", "failed", { error });
      // A repeated report of the same failure (the move already made) is no second bounce.
      if (!failed || bounceLimit === null) {
        const row = await client.query<{ bounces: number }>(
          "SELECT bounces FROM digest_subscribers WHERE id = $1",
          [subscriberId],
        );
        return row.rows[0]?.bounces ?? 0;
      }
      const counted = await client.query<{ bounces: number }>(
        "UPDATE digest_subscribers SET bounces = bounces + 1 WHERE id = $1 RETURNING bounces",
        [subscriberId],
      );
      const bounces = counted.rows[0]?.bounces ?? 0;
      if (bounces >= bounceLimit)
        await client.query(
          "UPDATE digest_subscribers SET status = 'bouncing' WHERE id = $1 AND status = 'active'",
          [subscriberId],
        );
      return bounces;
    });
  }

  async markUnknown(subscriberId: string, periodKey: string, error: string): Promise<void> {
    await this.transition(this.pool, subscriberId, periodKey, "sending", "unknown", { error });
  }

  /**
   * One statement: the batch's rows are locked (skipping any another pruner holds), deleted, and the
   * retention line moved to the newest of them, so the line never lags what is gone.
   */
  async forgetDeliveries(preparedBefore: string, limit: number): Promise<number> {
    const result = await this.pool.query<{ forgotten: number }>(
      `WITH gone AS (
         DELETE FROM digest_deliveries WHERE (subscriber_id, period_key) IN (
           SELECT subscriber_id, period_key FROM digest_deliveries
           WHERE state IN ('sent', 'failed', 'unknown') AND prepared_at < $1
           ORDER BY prepared_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING run_id, state, prepared_at
       ), runs AS (
         UPDATE digest_runs r SET sent = r.sent + g.sent, failed = r.failed + g.failed
         FROM (SELECT run_id, count(*) FILTER (WHERE state = 'sent') AS sent,
                 count(*) FILTER (WHERE state <> 'sent') AS failed
               FROM gone GROUP BY run_id) g
         WHERE r.id = g.run_id
       ), line AS (
         INSERT INTO digest_retention (id, pruned_through)
         SELECT 1, max(prepared_at) FROM gone HAVING count(*) > 0
         ON CONFLICT (id) DO UPDATE
           SET pruned_through = GREATEST(digest_retention.pruned_through, excluded.pruned_through)
       )
       SELECT count(*)::int AS forgotten FROM gone`,
      [preparedBefore, limit],
    );
    return result.rows[0]?.forgotten ?? 0;
  }

  async prunedThrough(): Promise<string | null> {
    const result = await this.pool.query<{ pruned_through: string }>(
      "SELECT pruned_through FROM digest_retention WHERE id = 1",
    );
    return result.rows[0]?.pruned_through ?? null;
  }

  async forgetRuns(before: string, limit: number): Promise<number> {
    const result = await this.pool.query(forgetRunsSql("$1", "$2"), [before, limit]);
    return result.rowCount ?? 0;
  }

  async recordRun(run: Omit<DigestRun, "sent" | "failed">): Promise<void> {
    await this.pool.query(
      `INSERT INTO digest_runs (id, started_at, finished_at, dry_run, due, prepared, skipped)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET finished_at = excluded.finished_at, due = excluded.due,
         prepared = excluded.prepared, skipped = excluded.skipped`,
      [run.id, run.startedAt, run.finishedAt, run.dryRun, run.due, run.prepared, run.skipped],
    );
  }

  async recentRuns(limit: number): Promise<DigestRun[]> {
    const rows = await this.pool.query<RunRow>(recentRunsSql("$1"), [limit]);
    return rows.rows.map(rowToRun);
  }
}
