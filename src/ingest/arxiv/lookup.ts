import { parseArxivId } from "../../core/arxiv-id.js";
import type { PaperStore } from "../../store/store.js";
import { ArxivApiError, type AtomPage, parseAtomPage, type RejectedEntry } from "./atom-parser.js";
import { type HttpGetter, UnexpectedStatusError } from "./http.js";

/**
 * Look-ups by arXiv id through the API (Atom): what "submit a paper" and "refresh stale records" call.
 * Ids are asked for without their version, so arXiv answers with the latest one; the store's merge
 * keeps whatever newer version it already has. Every paper read is stamped as fetched from arXiv (the
 * staleness rule of refresh.ts reads it).
 */
export interface LookupOptions {
  apiUrl: string;
  /** Ids per request; arXiv allows up to 100 in one id_list. */
  batchSize?: number;
  onBatch?: (progress: LookupBatchProgress) => void;
  /** Stops before the next request; a request in flight is abandoned (its promise rejects with the reason). */
  signal?: AbortSignal;
  /** The clock for the fetched-at stamps. */
  now?: () => Date;
}

export interface LookupBatchProgress {
  /** 1-based. */
  batch: number;
  batches: number;
  requested: number;
  found: number;
}

export interface LookupResult {
  /** Canonical ids arXiv returned, in request order. */
  found: string[];
  /** Canonical ids arXiv did not return. */
  missing: string[];
  /** Inputs that are not arXiv ids or URLs, as given. */
  invalid: string[];
  /** Entries arXiv returned that could not be read (reported, not stored). */
  rejected: RejectedEntry[];
  inserted: number;
  updated: number;
  unchanged: number;
  /** True when the signal stopped the look-up before every batch was asked for. */
  interrupted: boolean;
}

export const MAX_IDS_PER_REQUEST = 100;

export async function lookupPapers(
  store: PaperStore,
  client: HttpGetter,
  inputs: readonly string[],
  options: LookupOptions,
): Promise<LookupResult> {
  const batchSize = Math.min(options.batchSize ?? MAX_IDS_PER_REQUEST, MAX_IDS_PER_REQUEST);
  const { ids, invalid } = canonicalIds(inputs);
  const batches = chunk(ids, batchSize);
  const result: LookupResult = {
    found: [],
    missing: [],
    invalid,
    rejected: [],
    inserted: 0,
    updated: 0,
    unchanged: 0,
    interrupted: false,
  };
  const now = options.now ?? (() => new Date());

  for (const [index, batch] of batches.entries()) {
    if (options.signal?.aborted) {
      result.interrupted = true;
      break;
    }
    const returned = new Set<string>();
    for await (const page of pagesFor(client, batch, options)) {
      result.rejected.push(...page.rejected);
      if (page.papers.length === 0) continue;
      // One transaction per page: a later failure keeps what was already fetched.
      const counts = await store.upsertPapers(page.papers, { fetchedAt: now().toISOString() });
      result.inserted += counts.inserted;
      result.updated += counts.updated;
      result.unchanged += counts.unchanged;
      for (const paper of page.papers) returned.add(paper.id);
    }
    const found = batch.filter((id) => returned.has(id));
    result.found.push(...found);
    result.missing.push(...batch.filter((id) => !returned.has(id)));
    options.onBatch?.({
      batch: index + 1,
      batches: batches.length,
      requested: batch.length,
      found: found.length,
    });
  }
  return result;
}

/** Every page of one id_list query; arXiv pages it like a search, so follow start until totalResults. */
async function* pagesFor(
  client: HttpGetter,
  ids: string[],
  options: LookupOptions,
): AsyncGenerator<AtomPage> {
  let start = 0;
  for (;;) {
    const url = new URL(options.apiUrl);
    url.searchParams.set("id_list", ids.join(","));
    url.searchParams.set("start", String(start));
    url.searchParams.set("max_results", String(ids.length));
    const page = await fetchPage(client, url.href, options.signal);
    yield page;
    start = page.startIndex + page.entryCount;
    // An empty page ends the paging even if totalResults says more: never loop on a stuck server.
    if (page.entryCount === 0 || start >= page.totalResults) return;
  }
}

async function fetchPage(
  client: HttpGetter,
  url: string,
  signal: AbortSignal | undefined,
): Promise<AtomPage> {
  const response = await client.get(url, signal ? { signal } : undefined);
  if (response.status === 200) return parseAtomPage(response.body);
  if (response.status === 400) {
    // A 400 carries an error entry, which parseAtomPage throws as an ArxivApiError.
    parseAtomPage(response.body);
    throw new ArxivApiError("bad_request", `HTTP 400 without an error entry for ${url}`);
  }
  throw new UnexpectedStatusError("arXiv API", url, response.status);
}

/** Canonical ids without versions, duplicates dropped, in input order; the rest reported as invalid. */
function canonicalIds(inputs: readonly string[]): { ids: string[]; invalid: string[] } {
  const ids = new Set<string>();
  const invalid: string[] = [];
  for (const input of inputs) {
    const parsed = parseArxivId(input);
    if (parsed === null) invalid.push(input);
    else ids.add(parsed.id);
  }
  return { ids: [...ids], invalid };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
