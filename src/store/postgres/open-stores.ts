import type { ConfiguredStores } from "../community-stores.js";
import { PostgresAccountStore } from "./postgres-accounts.js";
import { PostgresCollectionStore } from "./postgres-collections.js";
import { PostgresCommentStore } from "./postgres-comments.js";
import { PostgresModerationStore } from "./postgres-moderation.js";
import { PostgresRateLimitStore } from "./postgres-rate-limits.js";
import { openPostgresPool, type PostgresStoreOptions, postgresPaperStore } from "./postgres-store.js";
import { PostgresSubmissionStore } from "./postgres-submissions.js";
import { PostgresVoteStore } from "./postgres-votes.js";

/** Opens one pool on the database and every store on it; closing `papers` ends the pool. */
export async function openPostgresStores(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<ConfiguredStores> {
  const pool = await openPostgresPool(url, options);
  return {
    papers: postgresPaperStore(pool, options),
    community: {
      accounts: new PostgresAccountStore(pool),
      votes: new PostgresVoteStore(pool),
      submissions: new PostgresSubmissionStore(pool),
      comments: new PostgresCommentStore(pool),
      moderation: new PostgresModerationStore(pool),
      collections: new PostgresCollectionStore(pool),
      rateLimits: new PostgresRateLimitStore(pool),
    },
    digest: null,
  };
}
