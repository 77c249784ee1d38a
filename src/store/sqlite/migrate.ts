import type Database from "better-sqlite3";
import { sql as papers } from "./migrations/0001-papers.js";
import { sql as sourceState } from "./migrations/0002-source-state.js";
import { sql as ingestRuns } from "./migrations/0003-ingest-runs.js";
import { sql as paperVectors } from "./migrations/0004-paper-vectors.js";
import { sql as accounts } from "./migrations/0005-accounts.js";
import { sql as votes } from "./migrations/0006-votes.js";
import { sql as submissions } from "./migrations/0007-submissions.js";
import { sql as comments } from "./migrations/0008-comments-collections.js";
import { sql as writePath } from "./migrations/0009-write-path.js";
import { sql as categoryFilterIndex } from "./migrations/0010-category-filter-index.js";
import { sql as digestSubscriptions } from "./migrations/0011-digest-subscriptions.js";
import { sql as digestDelivery } from "./migrations/0012-digest-delivery.js";
import { sql as hiddenPapers } from "./migrations/0013-hidden-papers.js";
import { sql as exclusiveJobs } from "./migrations/0014-exclusive-jobs.js";
import { sql as finishedJobsIndex } from "./migrations/0015-finished-jobs-index.js";
import { sql as scheduledRuns } from "./migrations/0018-scheduled-runs.js";
import { sql as digestRetention } from "./migrations/0019-digest-retention.js";
import { sql as searchTrendIndex } from "./migrations/0020-search-trend-index.js";
import { sql as deletedAccounts } from "./migrations/0021-deleted-accounts.js";
import { sql as commentRepliesIndex } from "./migrations/0022-comment-replies-index.js";
import { sql as categoryPageIndexes } from "./migrations/0023-category-page-indexes.js";
import { sql as foldedAuthorNames } from "./migrations/0024-folded-author-names.js";
import { sql as mergedPapers } from "./migrations/0025-merged-papers.js";
import { sql as checkpointRejects } from "./migrations/0026-checkpoint-rejects.js";
import { sql as digestCoverage } from "./migrations/0027-digest-coverage.js";
import { sql as publicNames } from "./migrations/0028-public-names.js";

/** Schema versions in order; a migration is never edited once released, only followed by a new one. */
const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: "papers", sql: papers },
  { version: 2, name: "source-state", sql: sourceState },
  { version: 3, name: "ingest-runs", sql: ingestRuns },
  { version: 4, name: "paper-vectors", sql: paperVectors },
  { version: 5, name: "accounts", sql: accounts },
  { version: 6, name: "votes", sql: votes },
  { version: 7, name: "submissions", sql: submissions },
  { version: 8, name: "comments-collections", sql: comments },
  { version: 9, name: "write-path", sql: writePath },
  { version: 10, name: "category-filter-index", sql: categoryFilterIndex },
  { version: 11, name: "digest-subscriptions", sql: digestSubscriptions },
  { version: 12, name: "digest-delivery", sql: digestDelivery },
  { version: 13, name: "hidden-papers", sql: hiddenPapers },
  { version: 14, name: "exclusive-jobs", sql: exclusiveJobs },
  { version: 15, name: "finished-jobs-index", sql: finishedJobsIndex },
  { version: 18, name: "scheduled-runs", sql: scheduledRuns },
  { version: 19, name: "digest-retention", sql: digestRetention },
  { version: 20, name: "search-trend-index", sql: searchTrendIndex },
  { version: 21, name: "deleted-accounts", sql: deletedAccounts },
  { version: 22, name: "comment-replies-index", sql: commentRepliesIndex },
  { version: 23, name: "category-page-indexes", sql: categoryPageIndexes },
  { version: 24, name: "folded-author-names", sql: foldedAuthorNames },
  { version: 25, name: "merged-papers", sql: mergedPapers },
  { version: 26, name: "checkpoint-rejects", sql: checkpointRejects },
  { version: 27, name: "digest-coverage", sql: digestCoverage },
  { version: 28, name: "public-names", sql: publicNames },
];

export const MIGRATION_VERSIONS: readonly number[] = MIGRATIONS.map((migration) => migration.version);

/**
 * Applies the migrations this database has not seen yet (up to version `through`: a test builds an
 * older schema with it). The check and the changes run in one IMMEDIATE transaction, so two processes
 * opening a new database at once (the server and an import) apply each migration exactly once: the
 * second waits, then finds nothing left to do.
 */
export function migrate(db: Database.Database, through = Number.POSITIVE_INFINITY): number[] {
  return db
    .transaction(() => {
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      const applied = new Set(
        db
          .prepare("SELECT version FROM schema_migrations")
          .pluck()
          .all()
          .map((version) => Number(version)),
      );
      const pending = MIGRATIONS.filter(
        (migration) => !applied.has(migration.version) && migration.version <= through,
      );
      const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
      for (const migration of pending) {
        db.exec(migration.sql);
        record.run(migration.version, migration.name, new Date().toISOString());
      }
      return pending.map((migration) => migration.version);
    })
    .immediate();
}
