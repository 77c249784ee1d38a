/** A row's indexed text: rowid, title, abstract, author names (the papers_fts columns). */
export type IndexedText = [rowid: number, title: string, abstract: string, authorNames: string];

/** One committed bulk-load batch's index changes: old text to remove, then final text to add. */
export interface IndexBatch {
  /** The bulk-load mark's sequence number this batch committed (see BulkLoadMark). */
  seq: number;
  removals: IndexedText[];
  additions: IndexedText[];
}

/**
 * The bulk load's mark in source_state: the sequence number of its last committed batch, and whether a
 * writer outside the bulk load changed papers meanwhile (then the side index is rebuilt from the table).
 */
export interface BulkLoadMark {
  seq: number;
  stale: boolean;
}

export type ToIndexWorker =
  | { type: "start"; databasePath: string; searchExtension: string | null; beginSeq: number; fresh: boolean }
  | { type: "batch"; batch: IndexBatch }
  /** Merge the side index into one segment: the slow part of the end, which writes only the side file. */
  | { type: "compact" }
  /** Copy the side index into the main database and end the bulk load. */
  | { type: "finish" };

export type FromIndexWorker = { type: "applied"; seq: number } | { type: "compacted" } | { type: "finished" };

export const BULK_LOAD_KEY = "search-index:bulk-load";

/** A mark written before sequence numbers existed reads as stale, so its index is rebuilt from the table. */
export function parseBulkLoadMark(value: string): BulkLoadMark {
  try {
    const mark = JSON.parse(value) as Partial<BulkLoadMark>;
    if (typeof mark.seq === "number") return { seq: mark.seq, stale: mark.stale === true };
  } catch {
    // Falls through to a stale mark.
  }
  return { seq: -1, stale: true };
}

/** The side index's own database file, beside the main one. */
export function sideIndexPath(databasePath: string): string {
  return `${databasePath}-search-build`;
}
