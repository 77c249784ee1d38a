/**
 * At most `perMinute` sends in any 60 seconds (0: no limit). A caller over the limit waits until the
 * oldest send of the window is a minute old.
 */
export class SendRate {
  private readonly sent: number[] = [];

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Resolves when one more send fits in the window, and counts it. */
  async take(): Promise<void> {
    if (this.perMinute === 0) return;
    for (;;) {
      const now = this.now();
      while (this.sent.length > 0 && (this.sent[0] ?? 0) <= now - 60_000) this.sent.shift();
      if (this.sent.length < this.perMinute) {
        this.sent.push(now);
        return;
      }
      await this.sleep((this.sent[0] ?? now) + 60_000 - now);
    }
  }
}
