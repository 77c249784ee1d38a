import { MemoryRateLimiter, type RateLimiter, SharedRateLimiter } from "../community/rate-limiter.js";
import { digestLinks } from "../digest/digest-service.js";
import { SubscriptionService } from "../digest/subscriptions.js";
import type { Mailer } from "../mail/mailer.js";
import type { DigestStores } from "../store/community-stores.js";
import type { DigestRun } from "../store/digest-store.js";
import type { RateLimitStore } from "../store/rate-limit-store.js";

/** What the digest pages need from their host (server.ts or a test). */
export interface DigestOptions {
  stores: DigestStores;
  mailer: Mailer;
  /** Where people reach the site, for the links in mails. */
  publicUrl: string;
  /** The sender address, which also receives mailto: unsubscribe requests. */
  mailFrom: string;
  /** Subscribe requests allowed per hour per address and per IP (0: unlimited). */
  subscribesPerHour?: number;
  /** Counters shared by every web process (PostgreSQL); absent: this process's memory. */
  rateLimits?: RateLimitStore;
  now?: () => Date;
}

export interface DigestServices {
  subscriptions: SubscriptionService;
  recentRuns: (limit: number) => Promise<DigestRun[]>;
}

const HOUR_MS = 3_600_000;

export async function digestServices(options: DigestOptions): Promise<DigestServices> {
  const now = options.now ?? (() => new Date());
  const limits = { subscribe: { max: options.subscribesPerHour ?? 5, windowMs: HOUR_MS } };
  const clock = () => now().getTime();
  const limiter: RateLimiter = options.rateLimits
    ? new SharedRateLimiter(options.rateLimits, limits, clock)
    : new MemoryRateLimiter(limits, clock);
  const links = await digestLinks(options.stores, options.publicUrl, options.mailFrom);
  return {
    subscriptions: new SubscriptionService(options.stores.digests, options.mailer, links, limiter, now),
    recentRuns: (limit) => options.stores.digests.recentRuns(limit),
  };
}
