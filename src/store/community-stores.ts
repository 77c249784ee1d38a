import type { JobQueue } from "../jobs/queue.js";
import type { AccountStore } from "./accounts-store.js";
import type { CollectionStore } from "./collections-store.js";
import type { CommentStore } from "./comments-store.js";
import type { DigestStore } from "./digest-store.js";
import type { ModerationStore } from "./moderation-store.js";
import type { RateLimitStore } from "./rate-limit-store.js";
import type { PaperStore } from "./store.js";
import type { SubmissionStore } from "./submissions-store.js";
import type { VoteStore } from "./votes-store.js";

/** The community's stores, which live in the same database as the papers they refer to. */
export interface CommunityStores {
  accounts: AccountStore;
  votes: VoteStore;
  submissions: SubmissionStore;
  comments: CommentStore;
  collections: CollectionStore;
  moderation: ModerationStore;
  /** Rate limits shared by every web process; absent on the embedded tier, whose one process counts in memory. */
  rateLimits?: RateLimitStore;
}

/**
 * Email digests and the job queue that sends them (same database, so a delivery and its job agree);
 * the worker's other jobs (daily ingest, embedding; ADR 0020) use the same queue.
 */
export interface DigestStores {
  digests: DigestStore;
  queue: JobQueue;
}

/** Everything the application stores; closing `papers` closes the database. */
export interface Stores {
  papers: PaperStore;
  community: CommunityStores;
  digest: DigestStores;
}
