import { RateLimitedError } from "./errors.js";

/**
 * Fixed-window counters in memory, per action and per key (a user, an IP address). Both the user's
 * and the address's budget must allow an action: one person with many addresses and many people
 * behind one address are each held back. Per process: a scaled-out deployment multiplies the limits
 * by the number of web processes, which still bounds abuse.
 */
export interface RateLimit {
  /** Actions allowed per window. */
  max: number;
  windowMs: number;
}

interface Window {
  count: number;
  resetsAt: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limits: Record<string, RateLimit>,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts one attempt of `action` for every key; throws RateLimitedError when one is over its limit. */
  hit(action: string, keys: string[]): void {
    const limit = this.limits[action];
    if (!limit || limit.max <= 0) return;
    const now = this.now();
    const windows = keys.map((key) => this.window(`${action}:${key}`, limit, now));
    const exhausted = windows.filter((window) => window.count >= limit.max);
    if (exhausted.length > 0) {
      const resetsAt = Math.max(...exhausted.map((window) => window.resetsAt));
      throw new RateLimitedError(
        Math.max(1, Math.ceil((resetsAt - now) / 1_000)),
        `Too many ${action} requests; try again later.`,
      );
    }
    for (const window of windows) window.count++;
  }

  private window(key: string, limit: RateLimit, now: number): Window {
    const existing = this.windows.get(key);
    if (existing && existing.resetsAt > now) return existing;
    const fresh = { count: 0, resetsAt: now + limit.windowMs };
    this.windows.delete(key);
    this.windows.set(key, fresh);
    this.evictOverflow();
    return fresh;
  }

  /** Keys come from the network: bound the map, dropping the oldest windows first. */
  private evictOverflow(): void {
    while (this.windows.size > this.maxKeys) {
      const oldest = this.windows.keys().next().value;
      if (oldest === undefined) return;
      this.windows.delete(oldest);
    }
  }
}
