import type { PaperInput } from "../core/paper.js";
import type { ImportCheckpoint, ImportPosition, PaperStore, UpsertResult } from "../store/store.js";
import { type LineReject, resumePoint, writeSegments } from "./batched-file-import.js";
import { describeInputFile, type InputFile } from "./input-file.js";
import { inThreadSource, type PaperSegmentSource, workerSource } from "./paper-segment-source.js";
import {
  addFormatCounts,
  type FileToParse,
  type FormatCounts,
  type PaperSegment,
  type ParsePlan,
} from "./paper-segments.js";

/**
 * A bulk import this large into a store that already has papers ends by compacting the search index:
 * imports defer index merges (see the store), and an uncompacted index makes broad searches up to
 * twice as slow. Small imports skip it. An import into an empty store is a bulk load instead (see
 * PaperStore.beginBulkLoad): it builds the whole index once at the end, compacted.
 */
export const OPTIMIZE_AFTER_WRITES = 5_000;

/**
 * From this much input (compressed bytes for gzip, about 15,000 papers), an import into a store that has
 * papers is a bulk load too where the store builds its index beside the writes (ADR 0018): copying the
 * existing index out and back costs less than indexing batch by batch on the writing thread.
 */
export const BULK_LOAD_MIN_BYTES = 8_000_000;

/**
 * Papers per transaction. Each batch of an import into a store that has papers becomes one search index
 * segment and one commit: 4,000 instead of 2,000 cut the CPU time of merging the crawl corpus into the
 * daily one by about a sixth, for about 80 MB more peak memory (two batches are in flight).
 */
export const DEFAULT_BATCH_SIZE = 4_000;
/**
 * Papers per transaction in a bulk load, whose batches the writing thread does not index. A smaller
 * batch dies young in the heaps it passes through instead of being promoted and collected later:
 * against 4,000, peak RSS fell by about a quarter and CPU time did not grow (ADR 0021).
 */
export const BULK_LOAD_BATCH_SIZE = 1_000;
export const MAX_LINE_BYTES = 1_048_576;
/** Below this much input (compressed bytes for gzip), starting a worker costs more than it saves. */
const WORKER_MIN_BYTES = 1_048_576;

/** Where lines are read and parsed: "auto" picks the worker for inputs of WORKER_MIN_BYTES or more. */
export type ParseThread = "auto" | "worker" | "main-thread";

export interface ImportProgress {
  /** The file being read, as named by the caller. */
  file: string;
  /** Bytes read from all files so far (compressed bytes for gzip files), and their total size. */
  bytesRead: number;
  totalBytes: number;
  /** Lines processed so far across all files. */
  linesRead: number;
}

export interface ImportOptions {
  /** Papers per transaction; by default BULK_LOAD_BATCH_SIZE in a bulk load, else DEFAULT_BATCH_SIZE. */
  batchSize?: number;
  dryRun?: boolean;
  /** Stops after the batch in progress; the checkpoint lets the next run resume there. */
  signal?: AbortSignal;
  onFileStart?(file: InputFile, resumeAt: ImportPosition | null): void;
  onProgress?(progress: ImportProgress): void;
  onReject?(reject: LineReject): void;
  parseIn?: ParseThread;
  /**
   * More writes of the same import (the CLI's listings files), run once the papers are written and
   * before the import returns: beside the end of a bulk load's index build where the store builds it on
   * another thread (compacting it is the longest step of the end). Skipped when the import is
   * interrupted or fails.
   */
  followUp?: () => Promise<void>;
}

export interface ImportCounts extends UpsertResult {
  read: number;
  rejected: number;
  /** Lines rejected by the interrupted runs this one resumed, reported by them (not in `rejected`). */
  rejectedEarlier: number;
}

export interface FileImportSummary extends ImportCounts {
  file: string;
  resumedAfterLine: number | null;
  /** Lines accepted per detected record format. */
  formats: FormatCounts;
}

export interface ImportSummary {
  files: FileImportSummary[];
  total: ImportCounts;
  elapsedMs: number;
  /** Lines read per second of wall time. */
  papersPerSecond: number;
  interrupted: boolean;
  /**
   * An interrupted bulk load stays open: the papers it stored are on their day pages but not yet in
   * the search index, which the next import (resuming this one) builds.
   */
  searchIndexPending: boolean;
  /** Where lines were read and parsed (see ImportOptions.parseIn). */
  parsedIn: "worker" | "main-thread";
}

export function emptyCounts(): ImportCounts {
  return { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, rejectedEarlier: 0 };
}

export function addCounts(into: ImportCounts, from: ImportCounts): void {
  into.read += from.read;
  into.inserted += from.inserted;
  into.updated += from.updated;
  into.unchanged += from.unchanged;
  into.rejected += from.rejected;
  into.rejectedEarlier += from.rejectedEarlier;
}

/** Every file is checked before anything is written, so a typo in the last name fails fast. */
export async function describeInputFiles(paths: readonly string[]): Promise<InputFile[]> {
  return Promise.all(paths.map(describeInputFile));
}

/**
 * Each file's resume point, read up front so the parser can run ahead across files. A file named twice
 * resumes only the first time: when that pass completes, it clears the checkpoint the second would read.
 */
async function planFiles(store: PaperStore, files: InputFile[], dryRun: boolean): Promise<FileToParse[]> {
  const plan: FileToParse[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const resumeAt = seen.has(file.checkpointKey) ? null : await resumePoint(store, file, dryRun);
    seen.add(file.checkpointKey);
    plan.push({ file, resumeAt });
  }
  return plan;
}

function openSource(plan: ParsePlan, parseIn: ParseThread): PaperSegmentSource {
  const totalBytes = plan.files.reduce((sum, { file }) => sum + file.size, 0);
  const useWorker = parseIn === "worker" || (parseIn === "auto" && totalBytes >= WORKER_MIN_BYTES);
  return useWorker ? workerSource(plan) : inThreadSource(plan);
}

async function* countingFormats(
  segments: AsyncIterable<PaperSegment>,
  into: FormatCounts,
): AsyncGenerator<PaperSegment> {
  for await (const segment of segments) {
    addFormatCounts(into, segment.formats);
    yield segment;
  }
}

/** A read failure (a truncated gzip file, an I/O error) names the file; what was committed stays. */
async function naming<T>(file: InputFile, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof Error) || error instanceof ImportFileError) throw error;
    throw new ImportFileError(`${file.path}: ${error.message} (the papers before that point are saved)`, {
      cause: error,
    });
  }
}

export class ImportFileError extends Error {
  override name = "ImportFileError";
}

/**
 * Imports JSON Lines files of papers (any supported format, detected per line; plain or gzip) into the
 * store, in batched transactions with a resume checkpoint. The one import operation: the CLI, the demo
 * loader and the worker all call it. Reading and parsing run in a worker thread (see
 * paper-segment-source) while this thread writes, since the store's writes block it.
 */
export async function importPaperFiles(
  store: PaperStore,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const files = await describeInputFiles(paths);
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  const dryRun = options.dryRun ?? false;
  const bulkLoad =
    !dryRun && (await store.beginBulkLoad({ evenIfNotEmpty: totalBytes >= BULK_LOAD_MIN_BYTES }));
  const plan: ParsePlan = {
    files: await planFiles(store, files, dryRun),
    batchSize: options.batchSize ?? (bulkLoad ? BULK_LOAD_BATCH_SIZE : DEFAULT_BATCH_SIZE),
    maxLineBytes: MAX_LINE_BYTES,
  };
  const summary: ImportSummary = {
    files: [],
    total: emptyCounts(),
    elapsedMs: 0,
    papersPerSecond: 0,
    interrupted: false,
    searchIndexPending: false,
    parsedIn: "main-thread",
  };
  let bytesBefore = 0;
  let linesBefore = 0;

  const source = openSource(plan, options.parseIn ?? "auto");
  try {
    for (const [index, { file, resumeAt }] of plan.files.entries()) {
      const fileSummary: FileImportSummary = {
        file: file.path,
        ...emptyCounts(),
        resumedAfterLine: resumeAt?.line ?? null,
        formats: {},
      };
      options.onFileStart?.(file, resumeAt);
      const writeBatch = async (papers: PaperInput[], checkpoint: ImportCheckpoint) => {
        const result = await store.upsertPapers(papers, { checkpoint, bulkLoad });
        fileSummary.inserted += result.inserted;
        fileSummary.updated += result.updated;
        fileSummary.unchanged += result.unchanged;
      };
      const segments = countingFormats(source.segmentsOf(index), fileSummary.formats);
      const counts = await naming(
        file,
        writeSegments(store, file, resumeAt, segments, writeBatch, {
          dryRun,
          signal: options.signal,
          onReject: (reject) => options.onReject?.(reject),
          onProgress: (bytesRead, linesRead) =>
            options.onProgress?.({
              file: file.path,
              bytesRead: bytesBefore + bytesRead,
              totalBytes,
              linesRead: linesBefore + linesRead,
            }),
        }),
      );
      fileSummary.read = counts.read;
      fileSummary.rejected = counts.rejected;
      fileSummary.rejectedEarlier = counts.rejectedEarlier;
      summary.files.push(fileSummary);
      addCounts(summary.total, fileSummary);
      bytesBefore += file.size;
      linesBefore += counts.read;
      if (counts.interrupted) {
        summary.interrupted = true;
        break;
      }
    }
  } catch (error) {
    // A failed file ends the import: what was committed becomes searchable all the same.
    if (bulkLoad) await store.finishBulkLoad();
    throw error;
  } finally {
    await source.close();
  }
  summary.parsedIn = source.parsedIn();
  const written = summary.total.inserted + summary.total.updated;
  // An interrupted bulk load stays open: the next import resumes it and builds the index.
  summary.searchIndexPending = bulkLoad && summary.interrupted;
  if (bulkLoad && !summary.interrupted) await store.finishBulkLoad(options.followUp);
  else if (!summary.interrupted) {
    await options.followUp?.();
    if (written >= OPTIMIZE_AFTER_WRITES) await store.optimizeSearchIndex();
  }
  summary.elapsedMs = performance.now() - started;
  summary.papersPerSecond = summary.total.read / Math.max(summary.elapsedMs / 1000, 0.001);
  return summary;
}
