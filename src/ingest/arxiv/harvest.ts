import type { PaperInput } from "../../core/paper.js";
import type { PaperStore, UpsertResult } from "../../store/store.js";
import {
  type HarvestMark,
  type HarvestRange,
  markCompleted,
  markInProgress,
  markKey,
  parseMark,
  planRun,
  serialiseMark,
} from "./harvest-mark.js";
import { fetchPage, firstPageUrl, type ListRequest, nextPageUrl } from "./harvest-request.js";
import type { HttpGetter } from "./http.js";
import {
  describeOaiErrors,
  type OaiMetadataPrefix,
  type OaiRecord,
  type OaiResponse,
  type ResumptionToken,
} from "./oai-pmh-parser.js";

/**
 * An OAI-PMH ListRecords harvest into the store, one page at a time: each page's papers are written in
 * one transaction together with the mark that page reaches (see harvest-mark for the rule), so a run
 * killed at any point and started again loses nothing and stores nothing twice.
 */
export interface HarvestOptions {
  baseUrl: string;
  set?: string;
  from?: string;
  until?: string;
  metadataPrefix: OaiMetadataPrefix;
  /** Stops before the next page; a page being fetched is abandoned, one being written completes. */
  signal?: AbortSignal;
  onPage?: (event: HarvestPageEvent) => void;
  onReject?: (reject: HarvestReject) => void;
  /** Told when a list restarts because the repository rejected its resumption token. */
  onRestart?: (reason: string) => void;
  /** The clock that decides "today" (UTC) for the default --until, and stamps the papers as fetched. */
  now?: () => Date;
}

export interface HarvestCounts extends UpsertResult {
  records: number;
  deleted: number;
  rejected: number;
}

export interface HarvestPageEvent extends HarvestCounts {
  /** 1-based within this run. */
  page: number;
  resumption: ResumptionToken | null;
  /** The mark saved with this page. */
  mark: HarvestMark;
}

export interface HarvestReject {
  identifier: string;
  reason: string;
  page: number;
}

export interface HarvestSummary extends HarvestCounts {
  pages: number;
  from: string | null;
  until: string;
  /** True when the run continued a list a previous run left unfinished. */
  resumed: boolean;
  /** True when the signal stopped the run before the list ended. */
  interrupted: boolean;
  mark: HarvestMark;
}

/** The harvest stopped; everything up to `summary.mark` is stored and a rerun continues from there. */
export class HarvestError extends Error {
  override name = "HarvestError";
  constructor(
    message: string,
    readonly summary: HarvestSummary,
  ) {
    super(message);
  }
}

interface PageOutcome {
  papers: PaperInput[];
  deleted: number;
  rejects: { identifier: string; reason: string }[];
}

function sortRecords(records: OaiRecord[]): PageOutcome {
  const outcome: PageOutcome = { papers: [], deleted: 0, rejects: [] };
  for (const record of records) {
    if (record.status === "paper") outcome.papers.push(record.paper);
    else if (record.status === "deleted") outcome.deleted++;
    else outcome.rejects.push({ identifier: record.identifier, reason: record.reason });
  }
  return outcome;
}

function addCounts(total: HarvestCounts, page: HarvestCounts): void {
  total.records += page.records;
  total.inserted += page.inserted;
  total.updated += page.updated;
  total.unchanged += page.unchanged;
  total.deleted += page.deleted;
  total.rejected += page.rejected;
}

const NOTHING_WRITTEN: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 };

export async function harvest(
  store: PaperStore,
  client: HttpGetter,
  options: HarvestOptions,
): Promise<HarvestSummary> {
  const { baseUrl, set, metadataPrefix, signal } = options;
  const key = markKey(metadataPrefix, set);
  let mark = parseMark(await store.getSourceState(key));
  const today = (options.now?.() ?? new Date()).toISOString().slice(0, 10);
  const plan = planRun(mark, options, today);
  const range: HarvestRange = plan.range;
  const list: ListRequest = { baseUrl, metadataPrefix, set, range };
  const summary: HarvestSummary = {
    pages: 0,
    records: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    rejected: 0,
    from: range.from,
    until: range.until,
    resumed: plan.token !== null,
    interrupted: false,
    mark,
  };

  /** Writes a page's papers and the mark it reaches in one transaction. */
  async function commit(papers: PaperInput[], reached: HarvestMark): Promise<UpsertResult> {
    const sourceState = { key, value: serialiseMark(reached) };
    let result = NOTHING_WRITTEN;
    const fetchedAt = (options.now?.() ?? new Date()).toISOString();
    if (papers.length > 0) result = await store.upsertPapers(papers, { sourceState, fetchedAt });
    else await store.saveSourceState(sourceState);
    mark = reached;
    summary.mark = reached;
    return result;
  }

  let token = plan.token;
  let restarted = false;
  while (!signal?.aborted) {
    const url = token === null ? firstPageUrl(list) : nextPageUrl(baseUrl, token);
    let response: OaiResponse;
    try {
      response = await fetchPage(client, url, metadataPrefix, signal);
    } catch (error) {
      if (signal?.aborted) break;
      throw new HarvestError(`page ${summary.pages + 1}: ${(error as Error).message}`, summary);
    }

    if (response.kind === "error") {
      const codes = new Set(response.errors.map((error) => error.code));
      if (codes.has("noRecordsMatch")) {
        // Nothing (more) in the range: the list is complete.
        await commit([], markCompleted(mark, range));
        return summary;
      }
      if (codes.has("badResumptionToken") && token !== null && !restarted) {
        // Tokens expire (and a stored one may be days old): read the whole range again; upserts make it harmless.
        restarted = true;
        token = null;
        options.onRestart?.(describeOaiErrors(response.errors));
        continue;
      }
      throw new HarvestError(
        `page ${summary.pages + 1}: the repository answered ${describeOaiErrors(response.errors)}`,
        summary,
      );
    }

    const { papers, deleted, rejects } = sortRecords(response.records);
    const nextToken = response.resumption?.token ?? null;
    const reached = nextToken === null ? markCompleted(mark, range) : markInProgress(mark, range, nextToken);
    const written = await commit(papers, reached);
    summary.pages++;
    const counts: HarvestCounts = {
      ...written,
      records: response.records.length,
      deleted,
      rejected: rejects.length,
    };
    addCounts(summary, counts);
    for (const reject of rejects) options.onReject?.({ ...reject, page: summary.pages });
    options.onPage?.({ ...counts, page: summary.pages, resumption: response.resumption, mark: reached });
    if (nextToken === null) return summary;
    token = nextToken;
  }
  summary.interrupted = true;
  return summary;
}
