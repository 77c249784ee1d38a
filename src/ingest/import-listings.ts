import { parseArxivId } from "../core/arxiv-id.js";
import type { ImportPosition, Listing, PaperStore } from "../store/store.js";
import { importFileInBatches, type LineReject } from "./batched-file-import.js";
import { requireDay } from "./dates.js";
import { describeInputFiles, MAX_LINE_BYTES } from "./import-papers.js";
import type { InputFile } from "./input-file.js";
import { LineRejected } from "./record-fields.js";

/**
 * Announcement listings, one "day<TAB>arXiv id" row per line (shared/data/arxiv-daily-2025-2026/
 * daily_listings.tsv.gz, header "listing_date\tarxiv_id"). Each row moves its paper to the earliest
 * day it was listed on; rows may arrive before or after the papers they name.
 */
export interface ListingsFileSummary {
  file: string;
  read: number;
  added: number;
  papersMoved: number;
  rejected: number;
  /** Lines rejected by the interrupted runs this one resumed, reported by them (not in `rejected`). */
  rejectedEarlier: number;
  resumedAfterLine: number | null;
}

export interface ListingsImportOptions {
  batchSize?: number;
  dryRun?: boolean;
  signal?: AbortSignal;
  onFileStart?(file: InputFile, resumeAt: ImportPosition | null): void;
  onReject?(reject: LineReject): void;
}

const HEADER = /^listing_date\tarxiv_id$/i;
/** Listing rows are tiny: bigger transactions than for papers. */
const LISTINGS_BATCH_SIZE = 10_000;

export function parseListingLine(text: string, lineNumber: number): Listing | null {
  if (lineNumber === 1 && HEADER.test(text.trim())) return null;
  const fields = text.split("\t");
  if (fields.length !== 2)
    throw new LineRejected(`expected 2 tab-separated fields (day, arXiv id), got ${fields.length}`);
  const day = requireDay(fields[0]!.trim().slice(0, 40), "listing day");
  const id = parseArxivId(fields[1]!);
  if (id === null)
    throw new LineRejected(`invalid arXiv id ${JSON.stringify(fields[1]!.trim().slice(0, 60))}`);
  return { day, paperId: id.id };
}

export async function importListingFiles(
  store: PaperStore,
  paths: readonly string[],
  options: ListingsImportOptions = {},
): Promise<ListingsFileSummary[]> {
  const summaries: ListingsFileSummary[] = [];
  for (const file of await describeInputFiles(paths)) {
    const summary: ListingsFileSummary = {
      file: file.path,
      read: 0,
      added: 0,
      papersMoved: 0,
      rejected: 0,
      rejectedEarlier: 0,
      resumedAfterLine: null,
    };
    const counts = await importFileInBatches<Listing>(
      store,
      file,
      {
        parseLine: parseListingLine,
        async writeBatch(listings, checkpoint) {
          const result = await store.addListings(listings, { checkpoint });
          summary.added += result.added;
          summary.papersMoved += result.papersMoved;
        },
      },
      {
        batchSize: options.batchSize ?? LISTINGS_BATCH_SIZE,
        maxLineBytes: MAX_LINE_BYTES,
        dryRun: options.dryRun ?? false,
        signal: options.signal,
        onStart: (resumeAt) => options.onFileStart?.(file, resumeAt),
        onReject: (reject) => options.onReject?.(reject),
        onProgress: () => {},
      },
    );
    Object.assign(summary, {
      read: counts.read,
      rejected: counts.rejected,
      rejectedEarlier: counts.rejectedEarlier,
      resumedAfterLine: counts.resumedAfterLine,
    });
    summaries.push(summary);
    if (counts.interrupted) break;
  }
  return summaries;
}
