import type pg from "pg";
import { sql as papers } from "./migrations/0001-papers.js";
import { sql as community } from "./migrations/0002-community.js";
import { sql as hiddenPapers } from "./migrations/0003-hidden-papers.js";
import { sql as rateLimits } from "./migrations/0004-rate-limits.js";
import { sql as scheduledRuns } from "./migrations/0008-scheduled-runs.js";
import { sql as digestSubscriptions } from "./migrations/0009-digest-subscriptions.js";
import { sql as digestDelivery } from "./migrations/0010-digest-delivery.js";
import { sql as vectorGraphs } from "./migrations/0011-vector-graphs.js";
import { sql as bm25Tokens } from "./migrations/0013-bm25-tokens.js";
import { sql as digestRetention } from "./migrations/0014-digest-retention.js";
import { sql as punctuationSplitsWords } from "./migrations/0015-punctuation-splits-words.js";
import { sql as categoryIndex } from "./migrations/0016-category-index.js";
import { sql as deletedAccounts } from "./migrations/0017-deleted-accounts.js";
import { sql as listOrderIndex } from "./migrations/0018-list-order-index.js";
import { sql as authorIndex } from "./migrations/0020-author-index.js";
import { sql as foldedAuthorWords } from "./migrations/0021-folded-author-words.js";
import { sql as mergedPapers } from "./migrations/0022-merged-papers.js";
import { sql as checkpointRejects } from "./migrations/0023-checkpoint-rejects.js";
import { sql as digestCoverage } from "./migrations/0024-digest-coverage.js";
import { sql as publicNames } from "./migrations/0025-public-names.js";

/** Schema versions in order; a migration is never edited once released, only followed by a new one. */
const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: "papers", sql: papers },
  { version: 2, name: "community", sql: community },
  { version: 3, name: "hidden-papers", sql: hiddenPapers },
  { version: 4, name: "rate-limits", sql: rateLimits },
  { version: 8, name: "scheduled-runs", sql: scheduledRuns },
  { version: 9, name: "digest-subscriptions", sql: digestSubscriptions },
  { version: 10, name: "digest-delivery", sql: digestDelivery },
  { version: 11, name: "vector-graphs", sql: vectorGraphs },
  { version: 13, name: "bm25-tokens", sql: bm25Tokens },
  { version: 14, name: "digest-retention", sql: digestRetention },
  { version: 15, name: "punctuation-splits-words", sql: punctuationSplitsWords },
  { version: 16, name: "category-index", sql: categoryIndex },
  { version: 17, name: "deleted-accounts", sql: deletedAccounts },
  { version: 18, name: "list-order-index", sql: listOrderIndex },
  { version: 20, name: "author-index", sql: authorIndex },
  { version: 21, name: "folded-author-words", sql: foldedAuthorWords },
  { version: 22, name: "merged-papers", sql: mergedPapers },
  { version: 23, name: "checkpoint-rejects", sql: checkpointRejects },
  { version: 24, name: "digest-coverage", sql: digestCoverage },
  { version: 25, name: "public-names", sql: publicNames },
];

/** Any constant shared by every PaperPulse process: the key of the database-wide migration lock. */
const MIGRATION_LOCK = 0x7061_7065;

/**
 * Applies the migrations this schema has not seen yet, in one transaction holding a database-wide
 * advisory lock, so several web nodes and workers starting at once apply each exactly once.
 */
export async function migratePostgres(client: pg.PoolClient): Promise<number[]> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const applied = new Set(
      (await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map(
        (row) => row.version,
      ),
    );
    const pending = MIGRATIONS.filter((migration) => !applied.has(migration.version));
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    }
    await client.query("COMMIT");
    return pending.map((migration) => migration.version);
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}
