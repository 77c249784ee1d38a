import { createHash, randomUUID } from "node:crypto";
import pg from "pg";
import PgBoss from "pg-boss";
import type { FailOptions, FetchOptions, Job, JobQueue, QueueCounts, SendOptions } from "../../jobs/queue.js";
import { inTransaction } from "./transaction.js";

/** pg-boss's tables live in this schema, beside PaperPulse's own (ADR 0014). */
export const PG_BOSS_SCHEMA = "pgboss";

/** How often one process of the cluster (pg-boss elects it) expires, archives and deletes jobs. */
const MAINTENANCE_INTERVAL_SECONDS = 30;

/**
 * How often, at most, a fetch that found the due jobs all taken looks for lapsed leases (pg-boss's
 * expiry and the revival below); an idle worker polls far more often than leases lapse.
 */
const LAPSED_LEASE_SWEEP_MS = 2_000;

/** Completed and failed jobs stay in the job table (and keep their singleton key) this long. */
const ARCHIVE_AFTER_SECONDS = 7 * 24 * 3_600;

export interface PgBossQueueOptions {
  /** pg-boss's schema (default `pgboss`, or `<schema>_pgboss` beside a schema of PaperPulse's own). */
  schema: string;
  maintenanceIntervalSeconds?: number;
}

/** The output pg-boss's expiry gives the jobs it fails (pg-boss 10, plans.failJobsByTimeout). */
const EXPIRED_MESSAGE = "job failed by timeout in active state";

type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

/** pg-boss's job ids are uuids: a singleton key becomes one, so the key holds while the job is kept. */
function singletonId(queue: string, key: string): string {
  const hex = createHash("sha256").update(`${queue}\u0000${key}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The job queue on pg-boss 10, on PaperPulse's own connection pool. pg-boss differs from the
 * interface in three places, bridged here:
 * - the lease is set per job (`expire_in`), so a fetch sets it on the jobs it claims, in the fetch's
 *   transaction; a job whose lease ran out goes back through pg-boss's expiry, which counts a retry
 *   (and fails the job when none is left: such a job is put back, as a lapsed lease is no failure);
 * - a singleton key on a standard queue is not unique, so it becomes the job's id: a second send
 *   finds the id taken (in the job table or its archive) and returns null;
 * - pg-boss retries every failure while retries remain, so a permanent one first uses them up.
 */
export class PgBossJobQueue implements JobQueue {
  private readonly queues = new Map<string, Promise<void>>();
  /** When each queue's lapsed leases were last swept by this process. */
  private readonly sweptAt = new Map<string, number>();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly boss: PgBoss,
    private readonly schema: string,
  ) {}

  /** Installs (or upgrades) pg-boss's schema and starts its maintenance; stop() before ending the pool. */
  static async start(pool: pg.Pool, options: PgBossQueueOptions): Promise<PgBossJobQueue> {
    const boss = new PgBoss({
      db: { executeSql: (text, values) => pool.query(text, values) },
      schema: options.schema,
      schedule: false,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? MAINTENANCE_INTERVAL_SECONDS,
      archiveCompletedAfterSeconds: ARCHIVE_AFTER_SECONDS,
    });
    // A failed maintenance pass (the database briefly away) is retried at the next interval; unheard,
    // pg-boss's "error" event would end the process.
    boss.on("error", (error) => process.emitWarning(`pg-boss: ${error.message}`, "PgBossWarning"));
    await boss.start();
    return new PgBossJobQueue(pool, boss, options.schema);
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true });
  }

  private table(name: "job" | "archive"): string {
    return `${pg.escapeIdentifier(this.schema)}.${name}`;
  }

  /**
   * pg-boss 10 takes jobs only for a queue it knows; creating one is idempotent across processes.
   * Every queue is "stately", so exclusive keys work; a job without one gets its own id as its key,
   * which no other job shares. A queue made before (standard) is switched over.
   */
  private ensureQueue(name: string): Promise<void> {
    let created = this.queues.get(name);
    if (!created) {
      created = this.createStatelyQueue(name);
      created.catch(() => this.queues.delete(name));
      this.queues.set(name, created);
    }
    return created;
  }

  private async createStatelyQueue(name: string): Promise<void> {
    await this.boss.createQueue(name, { name, policy: "stately" });
    const queue = await this.boss.getQueue(name);
    if (queue?.policy !== "stately") await this.boss.updateQueue(name, { name, policy: "stately" });
  }

  async send<T>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    await this.ensureQueue(name);
    const singleton = options.singletonKey !== undefined;
    const id = singleton ? singletonId(name, options.singletonKey!) : randomUUID();
    if (singleton) {
      const archived = await this.pool.query(
        `SELECT 1 FROM ${this.table("archive")} WHERE name = $1 AND id = $2`,
        [name, id],
      );
      if (archived.rowCount) return null;
    }
    return this.boss.send(name, data as object, {
      id,
      singletonKey: options.exclusiveKey ?? id,
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      retryLimit: options.retryLimit ?? 2,
      retryDelay: options.retryDelay ?? 0,
      retryBackoff: options.retryBackoff ?? false,
    });
  }

  /**
   * pg-boss's expiry fails a job once its lapsed leases have used up its retries, although no worker
   * ever finished it; it goes back to the queue, as on the embedded tier, where a lapsed lease never
   * runs out of retries.
   */
  private async reviveExpired(name: string): Promise<void> {
    const expired = await this.pool.query<{ id: string }>(
      `SELECT id FROM ${this.table("job")} WHERE name = $1 AND state = 'failed' AND output->'value'->>'message' = $2`,
      [name, EXPIRED_MESSAGE],
    );
    if (expired.rows.length > 0)
      await this.boss.retry(
        name,
        expired.rows.map((row) => row.id),
      );
  }

  async fetch<T>(name: string, options: FetchOptions): Promise<Job<T>[]> {
    await this.ensureQueue(name);
    const jobs = await this.claim<T>(name, options.batchSize, options.leaseSeconds);
    if (jobs.length === options.batchSize || !this.sweepDue(name)) return jobs;
    // The due jobs are all taken: expire the ones whose lease ran out, so they come back now.
    await this.boss.expire();
    await this.reviveExpired(name);
    return [...jobs, ...(await this.claim<T>(name, options.batchSize - jobs.length, options.leaseSeconds))];
  }

  private sweepDue(name: string): boolean {
    const now = Date.now();
    if (now - (this.sweptAt.get(name) ?? 0) < LAPSED_LEASE_SWEEP_MS) return false;
    this.sweptAt.set(name, now);
    return true;
  }

  private claim<T>(name: string, batchSize: number, leaseSeconds: number): Promise<Job<T>[]> {
    return inTransaction(this.pool, async (client) => {
      const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
      const fetched = await this.boss.fetch<T>(name, { batchSize, includeMetadata: true, db });
      if (fetched.length === 0) return [];
      await client.query(
        `UPDATE ${this.table("job")} SET expire_in = $3 * interval '1 second' WHERE name = $1 AND id = ANY($2::uuid[])`,
        [name, fetched.map((job) => job.id), leaseSeconds],
      );
      return fetched.map((job) => ({
        id: job.id,
        name: job.name,
        data: job.data,
        retryCount: job.retryCount,
      }));
    });
  }

  async complete(name: string, id: string): Promise<void> {
    await this.boss.complete(name, id);
  }

  async fail(name: string, id: string, error: string, options: FailOptions): Promise<void> {
    if (!options.permanent) {
      await this.boss.fail(name, id, { message: error });
      return;
    }
    await inTransaction(this.pool, async (client) => {
      await client.query(
        `UPDATE ${this.table("job")} SET retry_limit = retry_count WHERE name = $1 AND id = $2 AND state < 'completed'`,
        [name, id],
      );
      const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
      await this.boss.fail(name, id, { message: error }, { db });
    });
  }

  async counts(name: string): Promise<QueueCounts> {
    const rows = await this.pool.query<{ state: JobState; count: string; next: Date | null }>(
      `SELECT state, count(*) AS count, min(start_after) AS next FROM ${this.table("job")} WHERE name = $1 GROUP BY state`,
      [name],
    );
    const counts: QueueCounts = { waiting: 0, active: 0, completed: 0, failed: 0, nextStartAfter: null };
    for (const row of rows.rows) {
      const count = Number(row.count);
      if (row.state === "created" || row.state === "retry") {
        counts.waiting += count;
        if (row.next && (!counts.nextStartAfter || row.next < counts.nextStartAfter))
          counts.nextStartAfter = row.next;
      } else if (row.state === "active") counts.active += count;
      else if (row.state === "completed") counts.completed += count;
      else if (row.state === "failed" || row.state === "cancelled") counts.failed += count;
    }
    return counts;
  }
}
