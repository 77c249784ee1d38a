import type Database from "better-sqlite3";
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

export class SqliteDigestStore implements DigestStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      signingKey: db.prepare<[], string>("SELECT key FROM digest_signing_key WHERE id = 1").pluck(),
      insertSubscriber: db.prepare(
        `INSERT INTO digest_subscribers (id, email, user_id, status, frequency, weekday, hour, time_zone, kind, size, topics, created_at)
         VALUES (@id, @email, @userId, 'pending', @frequency, @weekday, @hour, @timeZone, @kind, @size, @topics, @createdAt)
         ON CONFLICT (email) DO NOTHING`,
      ),
      byId: db.prepare<[string], SubscriberRow>(
        `SELECT ${SUBSCRIBER_COLUMNS} FROM digest_subscribers WHERE id = ?`,
      ),
      byEmail: db.prepare<[string], SubscriberRow>(
        `SELECT ${SUBSCRIBER_COLUMNS} FROM digest_subscribers WHERE email = ?`,
      ),
      byUser: db.prepare<[string], SubscriberRow>(
        `SELECT ${SUBSCRIBER_COLUMNS} FROM digest_subscribers WHERE user_id = ?`,
      ),
      linkUser: db.prepare("UPDATE digest_subscribers SET user_id = ? WHERE id = ?"),
      activate: db.prepare(
        "UPDATE digest_subscribers SET status = 'active', confirmed_at = ?, unsubscribed_at = NULL, bounces = 0 WHERE id = ?",
      ),
      unsubscribe: db.prepare(
        "UPDATE digest_subscribers SET status = 'unsubscribed', unsubscribed_at = ? WHERE id = ?",
      ),
      setStatus: db.prepare("UPDATE digest_subscribers SET status = ? WHERE id = ?"),
      updateSettings: db.prepare(
        `UPDATE digest_subscribers SET frequency = @frequency, weekday = @weekday, hour = @hour, time_zone = @timeZone,
         kind = @kind, size = @size, topics = @topics WHERE id = @id`,
      ),
      active: db.prepare<[string, number], SubscriberRow>(
        `SELECT ${SUBSCRIBER_COLUMNS} FROM digest_subscribers WHERE status = 'active' AND id > ? ORDER BY id LIMIT ?`,
      ),
      saveFeedback: db.prepare(
        `INSERT INTO digest_feedback (subscriber_id, paper_id, signal, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (subscriber_id, paper_id) DO UPDATE SET signal = excluded.signal, at = excluded.at`,
      ),
      feedback: db.prepare<[string], { paper_id: string; signal: FeedbackSignal }>(
        "SELECT paper_id, signal FROM digest_feedback WHERE subscriber_id = ? ORDER BY at DESC LIMIT 200",
      ),
      prepare: db.prepare(
        `INSERT INTO digest_deliveries
           (subscriber_id, period_key, run_id, state, digest, papers, prepared_at, covered_through)
         VALUES (@subscriberId, @periodKey, @runId, 'prepared', @digest, @papers, @preparedAt, @coveredThrough)
         ON CONFLICT (subscriber_id, period_key) DO NOTHING`,
      ),
      coveredThrough: db
        .prepare<[string], string | null>(
          "SELECT max(covered_through) FROM digest_deliveries WHERE subscriber_id = ?",
        )
        .pluck(),
      delivery: db.prepare<[string, string], DeliveryRow>(
        "SELECT * FROM digest_deliveries WHERE subscriber_id = ? AND period_key = ?",
      ),
      prepared: db.prepare<[number], DeliveryRow>(
        "SELECT * FROM digest_deliveries WHERE state = 'prepared' ORDER BY prepared_at LIMIT ?",
      ),
      transition: db.prepare(
        "UPDATE digest_deliveries SET state = @to, error = @error, attempts = attempts + @attempt, sent_at = @sentAt WHERE subscriber_id = @subscriberId AND period_key = @periodKey AND state = @from",
      ),
      clearBounces: db.prepare("UPDATE digest_subscribers SET bounces = 0 WHERE id = ?"),
      countBounce: db
        .prepare<[string], number>(
          "UPDATE digest_subscribers SET bounces = bounces + 1 WHERE id = ? RETURNING bounces",
        )
        .pluck(),
      bounces: db.prepare<[string], number>("SELECT bounces FROM digest_subscribers WHERE id = ?").pluck(),
      markBouncing: db.prepare(
        "UPDATE digest_subscribers SET status = 'bouncing' WHERE id = ? AND status = 'active'",
      ),
      finalBefore: db.prepare<
        [string, number],
        {
          subscriber_id: string;
          period_key: string;
          run_id: string;
          state: DeliveryState;
          prepared_at: string;
        }
      >(
        `SELECT subscriber_id, period_key, run_id, state, prepared_at FROM digest_deliveries
         WHERE state IN ('sent', 'failed', 'unknown') AND prepared_at < ? ORDER BY prepared_at LIMIT ?`,
      ),
      forgetDelivery: db.prepare("DELETE FROM digest_deliveries WHERE subscriber_id = ? AND period_key = ?"),
      addForgottenToRun: db.prepare<{ runId: string; sent: number; failed: number }>(
        "UPDATE digest_runs SET sent = sent + @sent, failed = failed + @failed WHERE id = @runId",
      ),
      moveRetentionLine: db.prepare(
        `INSERT INTO digest_retention (id, pruned_through) VALUES (1, ?)
         ON CONFLICT (id) DO UPDATE SET pruned_through = max(pruned_through, excluded.pruned_through)`,
      ),
      prunedThrough: db
        .prepare<[], string>("SELECT pruned_through FROM digest_retention WHERE id = 1")
        .pluck(),
      forgetRuns: db.prepare<{ before: string; limit: number }>(forgetRunsSql("@before", "@limit")),
      recordRun: db.prepare(
        `INSERT INTO digest_runs (id, started_at, finished_at, dry_run, due, prepared, skipped)
         VALUES (@id, @startedAt, @finishedAt, @dryRun, @due, @prepared, @skipped)
         ON CONFLICT (id) DO UPDATE SET finished_at = excluded.finished_at, due = excluded.due,
           prepared = excluded.prepared, skipped = excluded.skipped`,
      ),
      recentRuns: db.prepare<[number], RunRow>(recentRunsSql("?")),
    };
  }

  async signingKey(): Promise<string> {
    const key = this.statements.signingKey.get();
    if (!key) throw new Error("the digest signing key is missing from the database");
    return key;
  }

  async ensureSubscriber(subscriber: NewSubscriber): Promise<Subscriber> {
    const email = subscriber.email.toLowerCase();
    return this.db.transaction(() => {
      this.statements.insertSubscriber.run({
        id: subscriber.id,
        email,
        userId: subscriber.userId,
        createdAt: subscriber.createdAt,
        ...settingsParams(subscriber),
      });
      return rowToSubscriber(this.statements.byEmail.get(email)!);
    })();
  }

  async subscriberById(id: string): Promise<Subscriber | null> {
    const row = this.statements.byId.get(id);
    return row ? rowToSubscriber(row) : null;
  }

  async subscriberByEmail(email: string): Promise<Subscriber | null> {
    const row = this.statements.byEmail.get(email.toLowerCase());
    return row ? rowToSubscriber(row) : null;
  }

  async subscriberByUser(userId: string): Promise<Subscriber | null> {
    const row = this.statements.byUser.get(userId);
    return row ? rowToSubscriber(row) : null;
  }

  async linkUser(subscriberId: string, userId: string): Promise<void> {
    this.statements.linkUser.run(userId, subscriberId);
  }

  async setStatus(subscriberId: string, status: SubscriberStatus, at: string): Promise<boolean> {
    if (status === "active") return this.statements.activate.run(at, subscriberId).changes > 0;
    if (status === "unsubscribed") return this.statements.unsubscribe.run(at, subscriberId).changes > 0;
    return this.statements.setStatus.run(status, subscriberId).changes > 0;
  }

  async updateSettings(subscriberId: string, settings: DigestSettings): Promise<void> {
    this.statements.updateSettings.run({ id: subscriberId, ...settingsParams(settings) });
  }

  async activeSubscribers(afterId: string | null, limit: number): Promise<Subscriber[]> {
    return this.statements.active.all(afterId ?? "", limit).map(rowToSubscriber);
  }

  async saveFeedback(
    subscriberId: string,
    paperId: string,
    signal: FeedbackSignal,
    at: string,
  ): Promise<void> {
    this.statements.saveFeedback.run(subscriberId, paperId, signal, at);
  }

  async feedback(subscriberId: string): Promise<Feedback[]> {
    return this.statements.feedback
      .all(subscriberId)
      .map((row) => ({ paperId: row.paper_id, signal: row.signal }));
  }

  async prepareDelivery(delivery: NewDelivery): Promise<boolean> {
    return this.statements.prepare.run({ ...delivery, digest: JSON.stringify(delivery.digest) }).changes > 0;
  }

  async delivery(subscriberId: string, periodKey: string): Promise<Delivery | null> {
    const row = this.statements.delivery.get(subscriberId, periodKey);
    return row ? rowToDelivery(row) : null;
  }

  async coveredThrough(subscriberId: string): Promise<string | null> {
    return this.statements.coveredThrough.get(subscriberId) ?? null;
  }

  async preparedDeliveries(limit: number): Promise<Delivery[]> {
    return this.statements.prepared.all(limit).map(rowToDelivery);
  }

  private transition(
    subscriberId: string,
    periodKey: string,
    from: DeliveryState,
    to: DeliveryState,
    extra: { error?: string | null; attempt?: number; sentAt?: string | null } = {},
  ): boolean {
    return (
      this.statements.transition.run({
        subscriberId,
        periodKey,
        from,
        to,
        error: extra.error ?? null,
        attempt: extra.attempt ?? 0,
        sentAt: extra.sentAt ?? null,
      }).changes > 0
    );
  }

  async startSending(subscriberId: string, periodKey: string): Promise<boolean> {
    return this.transition(subscriberId, periodKey, "prepared", "sending", { attempt: 1 });
  }

  async markSent(subscriberId: string, periodKey: string, at: string): Promise<void> {
    this.db.transaction(() => {
      if (this.transition(subscriberId, periodKey, "sending", "sent", { sentAt: at }))
        this.statements.clearBounces.run(subscriberId);
    })();
  }

  async markRetry(subscriberId: string, periodKey: string, error: string): Promise<void> {
    this.transition(subscriberId, periodKey, "sending", "prepared", { error });
  }

  async markFailed(
    subscriberId: string,
    periodKey: string,
    error: string,
    bounceLimit: number | null,
  ): Promise<number> {
    return this.db.transaction(() => {
      const failed = this.transition(subscriberId, periodKey, "sending", "failed", { error });
      // A repeated report of the same failure (the move already made) is no second bounce.
      if (!failed || bounceLimit === null) return this.statements.bounces.get(subscriberId) ?? 0;
      const bounces = this.statements.countBounce.get(subscriberId) ?? 0;
      if (bounces >= bounceLimit) this.statements.markBouncing.run(subscriberId);
      return bounces;
    })();
  }

  async markUnknown(subscriberId: string, periodKey: string, error: string): Promise<void> {
    this.transition(subscriberId, periodKey, "sending", "unknown", { error });
  }

  async forgetDeliveries(preparedBefore: string, limit: number): Promise<number> {
    return this.db
      .transaction(() => {
        const rows = this.statements.finalBefore.all(preparedBefore, limit);
        const byRun = new Map<string, { runId: string; sent: number; failed: number }>();
        for (const row of rows) {
          this.statements.forgetDelivery.run(row.subscriber_id, row.period_key);
          const run = byRun.get(row.run_id) ?? { runId: row.run_id, sent: 0, failed: 0 };
          if (row.state === "sent") run.sent++;
          else run.failed++;
          byRun.set(row.run_id, run);
        }
        for (const run of byRun.values()) this.statements.addForgottenToRun.run(run);
        // Oldest first: the last row is the newest forgotten.
        const newest = rows.at(-1);
        if (newest) this.statements.moveRetentionLine.run(newest.prepared_at);
        return rows.length;
      })
      .immediate();
  }

  async prunedThrough(): Promise<string | null> {
    return this.statements.prunedThrough.get() ?? null;
  }

  async forgetRuns(before: string, limit: number): Promise<number> {
    return this.statements.forgetRuns.run({ before, limit }).changes;
  }

  async recordRun(run: Omit<DigestRun, "sent" | "failed">): Promise<void> {
    this.statements.recordRun.run({ ...run, dryRun: run.dryRun ? 1 : 0 });
  }

  async recentRuns(limit: number): Promise<DigestRun[]> {
    return this.statements.recentRuns.all(limit).map(rowToRun);
  }
}
