/**
 * A micro-cache of rendered pages: a popular page is rendered at most once per `ttlMs`, however many
 * requests arrive, and concurrent misses share one render. Pages may lag writes by up to `ttlMs`,
 * which a daily listing can afford. Keys are built from the parsed parameters, not the raw URL, so
 * unknown parameters and spellings of the same request share one entry.
 */
interface Entry {
  body: Promise<Buffer>;
  expiresAt: number;
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1_000,
  ) {}

  /** The cached page for the key, or the render's result (not kept when the render throws). */
  getOrRender(key: string, render: () => Promise<string>): Promise<Buffer> {
    if (this.ttlMs <= 0) return render().then(Buffer.from);
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now) return cached.body;

    const body = render().then(Buffer.from);
    this.entries.delete(key);
    this.entries.set(key, { body, expiresAt: now + this.ttlMs });
    body.catch(() => {
      if (this.entries.get(key)?.body === body) this.entries.delete(key);
    });
    this.evictOverflow();
    return body;
  }

  /** Query strings are user-controlled: bound the map, dropping the oldest insertions first. */
  private evictOverflow(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) return;
      this.entries.delete(oldest);
    }
  }
}
