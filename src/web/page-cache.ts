/**
 * A micro-cache of rendered pages: a popular page is rendered at most once per `ttlMs`, however many
 * requests arrive, and concurrent misses share one render. Pages may lag writes by up to `ttlMs`,
 * which a daily listing can afford. Keys are built from the parsed parameters, not the raw URL, so
 * unknown parameters and spellings of the same request share one entry.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

/**
 * A rendered page, its gzip form when it is cached and large enough to gain from it, and an entity
 * tag per form (a strong tag names exact bytes, so the gzip form has its own).
 */
export interface RenderedPage {
  body: Buffer;
  gzipped: Buffer | null;
  etag: string;
  gzippedEtag: string;
}

interface Entry {
  page: Promise<RenderedPage>;
  expiresAt: number;
}

/** Below this, gzip saves too little to be worth a Content-Encoding. */
const GZIP_MIN_BYTES = 1_024;

/** Compressed once per render and served many times, so the better (slower) level pays off. */
export function renderedPage(html: string, compress: boolean): RenderedPage {
  const body = Buffer.from(html);
  const gzipped = compress && body.length >= GZIP_MIN_BYTES ? gzipSync(body, { level: 9 }) : null;
  const tag = createHash("sha1").update(body).digest("base64url").slice(0, 22);
  return { body, gzipped, etag: `"${tag}"`, gzippedEtag: `"${tag}-gz"` };
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1_000,
  ) {}

  /** The cached page for the key, or the render's result (not kept when the render throws). */
  getOrRender(key: string, render: () => Promise<string>): Promise<RenderedPage> {
    if (this.ttlMs <= 0) return render().then((html) => renderedPage(html, false));
    const now = Date.now();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now) return cached.page;

    const page = render().then((html) => renderedPage(html, true));
    this.entries.delete(key);
    this.entries.set(key, { page, expiresAt: now + this.ttlMs });
    page.catch(() => {
      if (this.entries.get(key)?.page === page) this.entries.delete(key);
    });
    this.evictOverflow();
    return page;
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
