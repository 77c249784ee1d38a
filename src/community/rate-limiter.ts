import type { RateLimitStore } from "../store/rate-limit-store.js";
import { RateLimitedError } from "./errors.js";

/**
 * Fixed-window counters per action and per key (a user, an IP address). Both the user's and the
 * address's budget must allow an action: one person with many addresses and many people behind one
 * address are each held back. A refused attempt counts for none of its keys.
 */
export interface RateLimit {
  /** Actions allowed per window. */
  max: number;
  windowMs: number;
}

export interface RateLimiter {
  /** Counts one attempt of `action` for every key; throws RateLimitedError when one is over its limit. */
  hit(action: string, keys: string[]): Promise<void>;
}

/** "45 seconds", "12 minutes", "an hour": how long a refused person waits, rounded up. */
export function waitText(seconds: number): string {
  const count = (n: number, unit: string) =>
    n === 1 ? `a${unit === "hour" ? "n" : ""} ${unit}` : `${n} ${unit}s`;
  if (seconds < 60) return count(seconds, "second");
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return count(minutes, "minute");
  return count(Math.ceil(minutes / 60), "hour");
}

function refusal(action: string, resetsAt: number, now: number): RateLimitedError {
  const seconds = Math.max(1, Math.ceil((resetsAt - now) / 1_000));
  return new RateLimitedError(seconds, `Too many ${action} requests; try again in ${waitText(seconds)}.`);
}

interface Window {
  count: number;
  resetsAt: number;
}

/**
 * Counters in this process's memory: the embedded tier's one process. Several web processes would
 * each allow the full rates (see SharedRateLimiter).
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limits: Record<string, RateLimit>,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  async hit(action: string, keys: string[]): Promise<void> {
    const limit = this.limits[action];
    if (!limit || limit.max <= 0) return;
    const now = this.now();
    const windows = keys.map((key) => this.window(`${action}:${key}`, limit, now));
    const exhausted = windows.filter((window) => window.count >= limit.max);
    if (exhausted.length > 0) throw refusal(action, Math.max(...exhausted.map((w) => w.resetsAt)), now);
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

/** Counters in the database, so that every web process draws on the same budget. */
export class SharedRateLimiter implements RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly limits: Record<string, RateLimit>,
    private readonly now: () => number = Date.now,
  ) {}

  async hit(action: string, keys: string[]): Promise<void> {
    const limit = this.limits[action];
    if (!limit || limit.max <= 0) return;
    const now = this.now();
    const keyed = keys.map((key) => `${action}:${key}`);
    const resetsAt = await this.store.hit(keyed, limit.max, limit.windowMs, now);
    if (resetsAt !== null) throw refusal(action, resetsAt, now);
  }
}
