import type { InputFile } from "./input-file.js";
import { NOT_UTF8_LINE, OVERSIZED_LINE, readLines } from "./line-reader.js";
import { LineRejected } from "./record-fields.js";

/** A skipped line of the file being parsed, with why. */
export interface SegmentReject {
  line: number;
  reason: string;
}

/**
 * The parse results of a run of consecutive lines, cut where the writer has something to do: "batch"
 * when the batch being filled is full (write it, checkpointed at lastLine), "chunk" at the end of a
 * chunk of the file (report progress, then honour an abort). Plain data, so it can come from a worker.
 */
export interface LineSegment<Item> {
  items: Item[];
  rejects: SegmentReject[];
  /** Records read, rejected ones included (blank and already committed lines are not). */
  read: number;
  /** The last line the segment covers. */
  lastLine: number;
  ends: "batch" | "chunk";
  /** The file's bytes read so far (compressed bytes for gzip files). */
  bytesRead: number;
}

export interface SegmentOptions {
  batchSize: number;
  maxLineBytes: number;
  /** Lines up to and including this one are committed already: skipped unparsed. */
  skipThrough: number;
}

/** Throws LineRejected, or returns null to ignore a line (a header). */
export type ParseLine<Item> = (text: string, lineNumber: number) => Item | null;

function isBlank(text: string): boolean {
  return text === "" || (text.charCodeAt(0) <= 32 && text.trim() === "");
}

function emptySegment<Item>(): LineSegment<Item> {
  return { items: [], rejects: [], read: 0, lastLine: 0, ends: "chunk", bytesRead: 0 };
}

/**
 * Reads a file and parses its lines into segments, in file order. Lazy: it reads no further than the
 * consumer pulls, so a slow consumer keeps its memory bounded. Bad lines become rejects, never errors.
 */
export async function* parseLineSegments<Item>(
  file: InputFile,
  parseLine: ParseLine<Item>,
  options: SegmentOptions,
): AsyncGenerator<LineSegment<Item>> {
  const source = readLines(file, options.maxLineBytes);
  let segment = emptySegment<Item>();
  /** Items since the last full batch; a batch may span several chunks. */
  let batchItems = 0;
  let lineNumber = 0;

  const finish = (ends: LineSegment<Item>["ends"]): LineSegment<Item> => {
    const done = { ...segment, lastLine: lineNumber, ends, bytesRead: source.bytesRead() };
    segment = emptySegment();
    return done;
  };

  for await (const lines of source.chunks) {
    for (const line of lines) {
      lineNumber++;
      if (lineNumber <= options.skipThrough) continue;
      if (typeof line === "string" && isBlank(line)) continue;
      try {
        if (line === OVERSIZED_LINE) {
          throw new LineRejected(`line is longer than ${(options.maxLineBytes / 1_048_576).toFixed(0)} MB`);
        }
        if (line === NOT_UTF8_LINE)
          throw new LineRejected("line is not valid UTF-8 (re-encode the file as UTF-8)");
        const item = parseLine(line, lineNumber);
        if (item === null) continue;
        segment.read++;
        segment.items.push(item);
        batchItems++;
      } catch (error) {
        if (!(error instanceof LineRejected)) throw error;
        segment.read++;
        segment.rejects.push({ line: lineNumber, reason: error.message });
      }
      if (batchItems >= options.batchSize) {
        batchItems = 0;
        yield finish("batch");
      }
    }
    yield finish("chunk");
  }
}
