import type { Stores } from "../community-stores.js";
import { SqliteAccountStore } from "./sqlite-accounts.js";
import { SqliteCollectionStore } from "./sqlite-collections.js";
import { SqliteCommentStore } from "./sqlite-comments.js";
import { SqliteDigestStore } from "./sqlite-digest.js";
import { SqliteJobQueue } from "./sqlite-job-queue.js";
import { SqliteModerationStore } from "./sqlite-moderation.js";
import { openSqliteDatabase, type SqliteStoreOptions, sqlitePaperStore } from "./sqlite-store.js";
import { SqliteSubmissionStore } from "./sqlite-submissions.js";
import { SqliteVoteStore } from "./sqlite-votes.js";

/** Opens the embedded database once and every store on it, so one transaction can span them. */
export function openSqliteStores(databasePath: string, options: SqliteStoreOptions = {}): Stores {
  const db = openSqliteDatabase(databasePath);
  return {
    papers: sqlitePaperStore(db, options),
    community: {
      accounts: new SqliteAccountStore(db),
      votes: new SqliteVoteStore(db),
      submissions: new SqliteSubmissionStore(db),
      comments: new SqliteCommentStore(db),
      moderation: new SqliteModerationStore(db),
      collections: new SqliteCollectionStore(db),
    },
    digest: { digests: new SqliteDigestStore(db), queue: new SqliteJobQueue(db) },
  };
}
