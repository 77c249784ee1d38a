import type { ImportCheckpoint, ImportPosition, PaperStore } from "../store/store.js";
import type { InputFile } from "./input-file.js";
import { type LineSegment, type ParseLine, parseLineSegments } from "./line-segments.js";

/** A line that was skipped, with why. */
export interface LineReject {
  file: string;
  line: number;
  reason: string;
}

export interface SegmentWriteOptions {
  /** Parse and validate only: nothing is written, no checkpoint is read or saved. */
  dryRun: boolean;
  signal?: AbortSignal;
  onReject(reject: LineReject): void;
  /** Called once per chunk of lines with the file's bytes read so far. */
  onProgress(bytesRead: number, linesRead: number): void;
}

export interface BatchedImportOptions extends SegmentWriteOptions {
  batchSize: number;
  maxLineBytes: number;
  /** Called before the first line with where the file resumes, if it does. */
  onStart(resumeAt: ImportPosition | null): void;
}

export type WriteBatch<Item> = (items: Item[], checkpoint: ImportCheckpoint) => Promise<void>;

/** How one kind of line is read and written; parseLine throws LineRejected, or returns null to ignore a line. */
export interface LineHandler<Item> {
  parseLine: ParseLine<Item>;
  writeBatch: WriteBatch<Item>;
}

export interface FileReadCounts {
  /** Records read in this run, rejected ones included (blank, header and already committed lines are not). */
  read: number;
  rejected: number;
  /** The committed line this run resumed after, or null when it started from the top. */
  resumedAfterLine: number | null;
  /** Lines the interrupted runs this one resumed rejected (reported by them, counted again here). */
  rejectedEarlier: number;
  /** True when the run stopped early on the abort signal; the checkpoint stays for the next run. */
  interrupted: boolean;
}

/** Where a file resumes; null in a dry run, or when it starts from the top. */
export async function resumePoint(
  store: PaperStore,
  file: InputFile,
  dryRun: boolean,
): Promise<ImportPosition | null> {
  return dryRun ? null : store.getCheckpoint(file.checkpointKey);
}

/**
 * Writes a file's parsed segments in batches, each batch committed together with the line it reaches (the
 * checkpoint), so a killed run resumes after the last committed line and ends with exactly what one clean
 * run stores. Rejects are reported in line order; they never stop the file. On abort it commits what it
 * has at the end of the chunk in progress and stops; on a read failure it commits the lines read before it.
 */
export async function writeSegments<Item>(
  store: PaperStore,
  file: InputFile,
  resumeAt: ImportPosition | null,
  segments: AsyncIterable<LineSegment<Item>>,
  writeBatch: WriteBatch<Item>,
  options: SegmentWriteOptions,
): Promise<FileReadCounts> {
  const counts: FileReadCounts = {
    read: 0,
    rejected: 0,
    resumedAfterLine: resumeAt?.line ?? null,
    rejectedEarlier: resumeAt?.rejected ?? 0,
    interrupted: false,
  };
  let batch: Item[] = [];
  let lastLine = 0;

  let rejectsCommitted = 0;
  let writeFailed = false;
  const flush = async () => {
    // Rejected lines alone move the checkpoint too: a resumed run then neither reads nor reports them again.
    if ((batch.length > 0 || counts.rejected > rejectsCommitted) && !options.dryRun) {
      // Segments arrive in line order: every reject so far lies at or before lastLine.
      const rejected = counts.rejectedEarlier + counts.rejected;
      try {
        await writeBatch(batch, { key: file.checkpointKey, line: lastLine, rejected });
      } catch (error) {
        writeFailed = true;
        throw error;
      }
      rejectsCommitted = counts.rejected;
    }
    batch = [];
  };

  try {
    for await (const segment of segments) {
      counts.read += segment.read;
      counts.rejected += segment.rejects.length;
      for (const { line, reason } of segment.rejects) options.onReject({ file: file.path, line, reason });
      // Segments hold at most one batch, so appending never overshoots it.
      batch = batch.length === 0 ? segment.items : batch.concat(segment.items);
      lastLine = segment.lastLine;
      if (segment.ends === "batch") {
        await flush();
        continue;
      }
      options.onProgress(segment.bytesRead, counts.read);
      if (options.signal?.aborted) {
        counts.interrupted = true;
        break;
      }
    }
  } catch (error) {
    // A read that fails part-way (a truncated gzip file) keeps the whole lines read before it, as a stop does.
    if (!writeFailed) await flush();
    throw error;
  }
  await flush();
  if (!options.dryRun && !counts.interrupted) await store.clearCheckpoint(file.checkpointKey);
  return counts;
}

/** Reads, parses and writes one file on this thread (see writeSegments). */
export async function importFileInBatches<Item>(
  store: PaperStore,
  file: InputFile,
  handler: LineHandler<Item>,
  options: BatchedImportOptions,
): Promise<FileReadCounts> {
  const resumeAt = await resumePoint(store, file, options.dryRun);
  options.onStart(resumeAt);
  const segments = parseLineSegments(file, handler.parseLine, {
    batchSize: options.batchSize,
    maxLineBytes: options.maxLineBytes,
    skipThrough: resumeAt?.line ?? 0,
  });
  return writeSegments(store, file, resumeAt, segments, handler.writeBatch, options);
}
