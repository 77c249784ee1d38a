import type { ImportCheckpoint, PaperStore } from "../store/store.js";
import type { InputFile } from "./input-file.js";
import { OVERSIZED_LINE, readLines } from "./line-reader.js";
import { LineRejected } from "./record-fields.js";

/** A line that was skipped, with why. */
export interface LineReject {
  file: string;
  line: number;
  reason: string;
}

export interface BatchedImportOptions {
  batchSize: number;
  maxLineBytes: number;
  /** Parse and validate only: nothing is written, no checkpoint is read or saved. */
  dryRun: boolean;
  signal?: AbortSignal;
  /** Called before the first line with the committed line the file resumes after, if any. */
  onStart(resumeAfterLine: number | null): void;
  onReject(reject: LineReject): void;
  /** Called once per chunk of lines with the file's bytes read so far. */
  onProgress(bytesRead: number, linesRead: number): void;
}

/** How one kind of line is read and written; parseLine throws LineRejected, or returns null to ignore a line. */
export interface LineHandler<Item> {
  parseLine(text: string, lineNumber: number): Item | null;
  writeBatch(items: Item[], checkpoint: ImportCheckpoint): Promise<void>;
}

export interface FileReadCounts {
  /** Records read in this run, rejected ones included (blank, header and already committed lines are not). */
  read: number;
  rejected: number;
  /** The committed line this run resumed after, or null when it started from the top. */
  resumedAfterLine: number | null;
  /** True when the run stopped early on the abort signal; the checkpoint stays for the next run. */
  interrupted: boolean;
}

function isBlank(text: string): boolean {
  return text === "" || (text.charCodeAt(0) <= 32 && text.trim() === "");
}

/**
 * Reads a file line by line and writes what parses in batches, each batch committed together with the
 * line it reaches (the checkpoint), so a killed run resumes after the last committed line and ends with
 * exactly what one clean run stores. Bad lines are reported and skipped; they never stop the file.
 */
export async function importFileInBatches<Item>(
  store: PaperStore,
  file: InputFile,
  handler: LineHandler<Item>,
  options: BatchedImportOptions,
): Promise<FileReadCounts> {
  const resumeAfter = options.dryRun ? null : await store.getCheckpoint(file.checkpointKey);
  const counts: FileReadCounts = { read: 0, rejected: 0, resumedAfterLine: resumeAfter, interrupted: false };
  const skipThrough = resumeAfter ?? 0;
  options.onStart(resumeAfter);
  const source = readLines(file, options.maxLineBytes);
  let batch: Item[] = [];
  let lineNumber = 0;

  const flush = async () => {
    if (batch.length > 0 && !options.dryRun) {
      await handler.writeBatch(batch, { key: file.checkpointKey, line: lineNumber });
    }
    batch = [];
  };

  for await (const lines of source.chunks) {
    for (const line of lines) {
      lineNumber++;
      if (lineNumber <= skipThrough) continue;
      if (line !== OVERSIZED_LINE && isBlank(line)) continue;
      try {
        if (line === OVERSIZED_LINE) {
          throw new LineRejected(`line is longer than ${(options.maxLineBytes / 1_048_576).toFixed(0)} MB`);
        }
        const item = handler.parseLine(line, lineNumber);
        if (item === null) continue;
        counts.read++;
        batch.push(item);
      } catch (error) {
        if (!(error instanceof LineRejected)) throw error;
        counts.read++;
        counts.rejected++;
        options.onReject({ file: file.path, line: lineNumber, reason: error.message });
      }
      if (batch.length >= options.batchSize) await flush();
    }
    options.onProgress(source.bytesRead(), counts.read);
    if (options.signal?.aborted) {
      counts.interrupted = true;
      break;
    }
  }
  await flush();
  if (!options.dryRun && !counts.interrupted) await store.clearCheckpoint(file.checkpointKey);
  return counts;
}
