/** Rate-limit counters kept in the database, so every web process counts against the same budget. */
export interface RateLimitStore {
  /**
   * Counts one attempt for every key, each in its own fixed window (opened by the key's first
   * attempt, `windowMs` long), in one transaction. When a key had already used up `max`, nothing is
   * counted and the result is the latest time (ms since the epoch) at which such a window ends;
   * null when the attempt was counted.
   */
  hit(keys: string[], max: number, windowMs: number, now: number): Promise<number | null>;
}
