/**
 * A small durable job queue. The names and meanings follow pg-boss 10 (send / fetch / complete /
 * fail; singletonKey, startAfter, retryLimit, retryDelay, retryBackoff), so the PostgreSQL tier can
 * implement it with pg-boss (src/store/postgres/pg-boss-job-queue.ts); the embedded tier keeps jobs
 * in a SQLite table. test/contract/job-queue-contract.ts holds both to the same behaviour.
 *
 * Delivery is at least once: a worker that dies holding a job loses its lease and the job is
 * fetched again (on pg-boss that counts as a retry, so only while retries remain). Handlers make
 * that safe (the digest sender records its progress; ADR 0009).
 */
export interface SendOptions {
  /**
   * At most one job with this key per queue while the job is kept: a second send returns null. Both
   * tiers keep a job until about two weeks after it finished (completed or failed; pg-boss: 7 days,
   * then 7 in its archive; SQLite: 14 days), then the key is free again. Waiting and active jobs are
   * kept however old.
   */
  singletonKey?: string;
  /**
   * At most one job with this key waits to start and at most one runs, per queue (pg-boss's
   * "stately" policy): a send while one waits returns null, and the waiting one is not fetched while
   * the other is active. For work where one pending run covers every request for it (an embedding
   * pass). Keep such jobs, with one key, in a queue of their own: on pg-boss a held-back job also holds
   * back the jobs queued behind it.
   */
  exclusiveKey?: string;
  /** Not fetched before this time. */
  startAfter?: Date;
  /** Retries after a temporary failure (0: none). */
  retryLimit?: number;
  /** Seconds before the first retry. */
  retryDelay?: number;
  /** Doubles the delay at each retry (retryDelay × 2^(retry − 1)). */
  retryBackoff?: boolean;
}

export interface Job<T> {
  id: string;
  name: string;
  data: T;
  /** Retries so far (0 on the first attempt). */
  retryCount: number;
}

export interface FetchOptions {
  batchSize: number;
  /** How long a fetched job stays with this worker before another may fetch it. */
  leaseSeconds: number;
}

export interface FailOptions {
  /** A failure that will not change on retry (a rejected address): the job fails at once. */
  permanent: boolean;
}

export interface QueueCounts {
  /** Waiting (first attempt or retry), whether due yet or not. */
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  /** When the earliest waiting job becomes due; null when none waits. */
  nextStartAfter: Date | null;
}

export interface JobQueue {
  /** Enqueues a job; returns its id, or null when a job with the same singletonKey exists. */
  send<T>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /** Claims due jobs (and jobs whose lease ran out), oldest due first. */
  fetch<T>(name: string, options: FetchOptions): Promise<Job<T>[]>;
  complete(name: string, id: string): Promise<void>;
  /** Schedules a retry with its backoff while retries remain and the failure is not permanent. */
  fail(name: string, id: string, error: string, options: FailOptions): Promise<void>;
  counts(name: string): Promise<QueueCounts>;
}

/** The delay before retry number `retry` (1-based). */
export function retryDelaySeconds(delay: number, backoff: boolean, retry: number): number {
  return backoff ? delay * 2 ** (retry - 1) : delay;
}
