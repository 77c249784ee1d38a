import type pg from "pg";
import type { Stores } from "../community-stores.js";
import { PG_BOSS_SCHEMA, PgBossJobQueue } from "./pg-boss-job-queue.js";
import { PostgresAccountStore } from "./postgres-accounts.js";
import { PostgresCollectionStore } from "./postgres-collections.js";
import { PostgresCommentStore } from "./postgres-comments.js";
import { PostgresDigestStore } from "./postgres-digest.js";
import { PostgresModerationStore } from "./postgres-moderation.js";
import { PostgresRateLimitStore } from "./postgres-rate-limits.js";
import { openPostgresPool, type PostgresStoreOptions, postgresPaperStore } from "./postgres-store.js";
import { PostgresSubmissionStore } from "./postgres-submissions.js";
import { PostgresVoteStore } from "./postgres-votes.js";

export interface PostgresStoresOptions extends PostgresStoreOptions {
  /** How often pg-boss's maintenance (lease expiry, archiving) runs somewhere in the cluster. */
  queueMaintenanceSeconds?: number;
}

/**
 * pg-boss's schema: `pgboss`, or `<schema>_pgboss` when PaperPulse's tables are in a schema of their
 * own (the URL's search_path, or a test's schema), so instances sharing a database share no queue.
 */
async function queueSchema(pool: pg.Pool): Promise<string> {
  const row = await pool.query<{ schema: string }>("SELECT current_schema() AS schema");
  const schema = row.rows[0]?.schema ?? "public";
  return schema === "public" ? PG_BOSS_SCHEMA : `${schema}_${PG_BOSS_SCHEMA}`;
}

/** Opens one pool on the database and every store on it; closing `papers` stops the queue and ends the pool. */
export async function openPostgresStores(url: string, options: PostgresStoresOptions = {}): Promise<Stores> {
  const pool = await openPostgresPool(url, options);
  let queue: PgBossJobQueue;
  try {
    queue = await PgBossJobQueue.start(pool, {
      schema: await queueSchema(pool),
      maintenanceIntervalSeconds: options.queueMaintenanceSeconds,
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  const papers = postgresPaperStore(pool, options, () => queue.stop());
  return {
    papers,
    community: {
      accounts: new PostgresAccountStore(pool),
      votes: new PostgresVoteStore(pool),
      submissions: new PostgresSubmissionStore(pool),
      comments: new PostgresCommentStore(pool),
      moderation: new PostgresModerationStore(pool),
      collections: new PostgresCollectionStore(pool),
      rateLimits: new PostgresRateLimitStore(pool),
    },
    digest: { digests: new PostgresDigestStore(pool), queue },
  };
}
