import type { PaperInput } from "../core/paper.js";
import type { PaperStore, UpsertResult } from "../store/store.js";
import { importFileInBatches, type LineReject } from "./batched-file-import.js";
import { describeInputFile, type InputFile } from "./input-file.js";
import { parsePaperLine } from "./parse-paper-line.js";

export const DEFAULT_BATCH_SIZE = 2_000;
export const MAX_LINE_BYTES = 1_048_576;

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
  batchSize?: number;
  dryRun?: boolean;
  /** Stops after the batch in progress; the checkpoint lets the next run resume there. */
  signal?: AbortSignal;
  onFileStart?(file: InputFile, resumeAfterLine: number | null): void;
  onProgress?(progress: ImportProgress): void;
  onReject?(reject: LineReject): void;
}

export interface ImportCounts extends UpsertResult {
  read: number;
  rejected: number;
}

export interface FileImportSummary extends ImportCounts {
  file: string;
  resumedAfterLine: number | null;
  /** Lines accepted per detected record format. */
  formats: Record<string, number>;
}

export interface ImportSummary {
  files: FileImportSummary[];
  total: ImportCounts;
  elapsedMs: number;
  /** Lines read per second of wall time. */
  papersPerSecond: number;
  interrupted: boolean;
}

export function emptyCounts(): ImportCounts {
  return { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
}

export function addCounts(into: ImportCounts, from: ImportCounts): void {
  into.read += from.read;
  into.inserted += from.inserted;
  into.updated += from.updated;
  into.unchanged += from.unchanged;
  into.rejected += from.rejected;
}

/** Every file is checked before anything is written, so a typo in the last name fails fast. */
export async function describeInputFiles(paths: readonly string[]): Promise<InputFile[]> {
  return Promise.all(paths.map(describeInputFile));
}

/**
 * Imports JSON Lines files of papers (any supported format, detected per line; plain or gzip) into the
 * store, in batched transactions with a resume checkpoint. The one import operation: the CLI, the demo
 * loader and the worker all call it.
 */
export async function importPaperFiles(
  store: PaperStore,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const files = await describeInputFiles(paths);
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  const summary: ImportSummary = {
    files: [],
    total: emptyCounts(),
    elapsedMs: 0,
    papersPerSecond: 0,
    interrupted: false,
  };
  let bytesBefore = 0;
  let linesBefore = 0;

  for (const file of files) {
    const fileSummary: FileImportSummary = {
      file: file.path,
      ...emptyCounts(),
      resumedAfterLine: null,
      formats: {},
    };
    const counts = await importFileInBatches<PaperInput>(
      store,
      file,
      {
        parseLine(text) {
          const { paper, format } = parsePaperLine(text);
          fileSummary.formats[format] = (fileSummary.formats[format] ?? 0) + 1;
          return paper;
        },
        async writeBatch(papers, checkpoint) {
          const result = await store.upsertPapers(papers, { checkpoint });
          fileSummary.inserted += result.inserted;
          fileSummary.updated += result.updated;
          fileSummary.unchanged += result.unchanged;
        },
      },
      {
        batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
        maxLineBytes: MAX_LINE_BYTES,
        dryRun: options.dryRun ?? false,
        signal: options.signal,
        onStart: (resumeAfterLine) => options.onFileStart?.(file, resumeAfterLine),
        onReject: (reject) => options.onReject?.(reject),
        onProgress: (bytesRead, linesRead) =>
          options.onProgress?.({
            file: file.path,
            bytesRead: bytesBefore + bytesRead,
            totalBytes,
            linesRead: linesBefore + linesRead,
          }),
      },
    );
    fileSummary.read = counts.read;
    fileSummary.rejected = counts.rejected;
    fileSummary.resumedAfterLine = counts.resumedAfterLine;
    summary.files.push(fileSummary);
    addCounts(summary.total, fileSummary);
    bytesBefore += file.size;
    linesBefore += counts.read;
    if (counts.interrupted) {
      summary.interrupted = true;
      break;
    }
  }
  summary.elapsedMs = performance.now() - started;
  summary.papersPerSecond = summary.total.read / Math.max(summary.elapsedMs / 1000, 0.001);
  return summary;
}
