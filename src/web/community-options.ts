import { AccountService } from "../community/accounts.js";
import { CollectionService } from "../community/collections.js";
import { CommentService } from "../community/comments.js";
import { DataExportService } from "../community/data-export.js";
import { ModerationService } from "../community/moderation.js";
import {
  MemoryRateLimiter,
  type RateLimit,
  type RateLimiter,
  SharedRateLimiter,
} from "../community/rate-limiter.js";
import { type RecommendationModel, RecommendationService } from "../community/recommendations.js";
import { type SubmissionRules, SubmissionService } from "../community/submissions.js";
import { VoteService } from "../community/votes.js";
import type { HttpGetter } from "../ingest/arxiv/http.js";
import type { Mailer } from "../mail/mailer.js";
import type { CommunityStores } from "../store/community-stores.js";
import type { PaperStore } from "../store/store.js";
import { arxivPaperFinder } from "./arxiv-paper-finder.js";
import type { CookiePolicy } from "./auth/cookies.js";

/** What the community part of the site needs from its host (server.ts or a test). */
export interface CommunityOptions {
  stores: CommunityStores;
  mailer: Mailer;
  /** Where people reach the site, for emailed links ("https://papers.example.org"). */
  publicUrl: string;
  sessionDays?: number;
  /** Per window; 0 turns a limit off. */
  limits?: {
    signInPerHour?: number;
    votesPerMinute?: number;
    submissionsPerHour?: number;
    arxivLookUpsPerHour?: number;
    commentsPerHour?: number;
  };
  submissionRules?: Partial<SubmissionRules>;
  /** Where submitted papers missing from the store are looked up; without it only stored papers can be submitted. */
  arxiv?: { client: HttpGetter; apiUrl: string };
  /**
   * Called when a submission's arXiv look-up stored a paper: the host queues an embedding pass, so the
   * paper is found by meaning within seconds instead of at the next periodic look for unembedded papers.
   */
  papersStored?: () => void;
  now?: () => Date;
}

export interface CommunityServices {
  accounts: AccountService;
  votes: VoteService;
  submissions: SubmissionService;
  comments: CommentService;
  moderation: ModerationService;
  collections: CollectionService;
  dataExport: DataExportService;
  recommendations: RecommendationService;
  limiter: RateLimiter;
  cookies: CookiePolicy;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** `model`: the search model's vectors and index, which recommendations compare (null: search has none). */
export function communityServices(
  options: CommunityOptions,
  papers: PaperStore,
  model: RecommendationModel | null,
): CommunityServices {
  const now = options.now ?? (() => new Date());
  const limits: Record<string, RateLimit> = {
    "sign-in": { max: options.limits?.signInPerHour ?? 10, windowMs: HOUR_MS },
    vote: { max: options.limits?.votesPerMinute ?? 60, windowMs: 60_000 },
    submission: { max: options.limits?.submissionsPerHour ?? 20, windowMs: HOUR_MS },
    // Previews and submissions of papers not stored here, each a request to arXiv's API.
    "arXiv look-up": { max: options.limits?.arxivLookUpsPerHour ?? 30, windowMs: HOUR_MS },
    comment: { max: options.limits?.commentsPerHour ?? 30, windowMs: HOUR_MS },
  };
  const clock = () => now().getTime();
  // Counted in the database where the stores offer it (PostgreSQL: many web processes), else in memory.
  const limiter: RateLimiter = options.stores.rateLimits
    ? new SharedRateLimiter(options.stores.rateLimits, limits, clock)
    : new MemoryRateLimiter(limits, clock);
  const publicUrl = options.publicUrl.replace(/\/+$/, "");
  const accounts = new AccountService({
    accounts: options.stores.accounts,
    mailer: options.mailer,
    limiter,
    publicUrl,
    sessionTtlMs: (options.sessionDays ?? 30) * DAY_MS,
    now,
  });
  const votes = new VoteService(options.stores.votes, limiter, now);
  const submissions = new SubmissionService(
    options.stores.submissions,
    arxivPaperFinder(papers, options.arxiv ?? null, options.papersStored),
    votes,
    limiter,
    { maxAgeDays: 14, dailyQuota: 5, ...options.submissionRules },
    now,
  );
  const comments = new CommentService(options.stores.comments, papers, limiter, now);
  const moderation = new ModerationService(
    options.stores.comments,
    options.stores.accounts,
    options.stores.moderation,
    now,
  );
  const collections = new CollectionService(options.stores.collections, papers, now);
  return {
    accounts,
    votes,
    submissions,
    comments,
    moderation,
    collections,
    dataExport: new DataExportService(options.stores, now),
    recommendations: new RecommendationService({
      votes: options.stores.votes,
      collections: options.stores.collections,
      papers,
      model,
    }),
    limiter,
    cookies: { secure: publicUrl.startsWith("https://") },
  };
}
