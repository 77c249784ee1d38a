import { isUtf8 } from "node:buffer";
import fs from "node:fs";
import { pipeline } from "node:stream";
import zlib from "node:zlib";
import type { InputFile } from "./input-file.js";

/** Stands for a line longer than the limit; its bytes are skipped, never held in memory. */
export const OVERSIZED_LINE = Symbol("oversized line");
/** Stands for a line that is not UTF-8 (a Latin-1 file, say): decoding it would turn letters into U+FFFD. */
export const NOT_UTF8_LINE = Symbol("line not UTF-8");
export type InputLine = string | typeof OVERSIZED_LINE | typeof NOT_UTF8_LINE;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const READ_CHUNK_BYTES = 1 << 20;

export interface LineSource {
  /** The lines in order, a chunk at a time, so callers work synchronously within each chunk. */
  chunks: AsyncIterable<InputLine[]>;
  /** Bytes of the file (compressed, when it is) read so far; for progress. */
  bytesRead(): number;
}

/**
 * Streams a file's lines (gunzipping when it is gzip) with memory bounded by the chunk size and
 * maxLineBytes, whatever the file's size. A final line without a newline counts.
 */
export function readLines(file: InputFile, maxLineBytes: number): LineSource {
  const raw = fs.createReadStream(file.path, { highWaterMark: READ_CHUNK_BYTES });
  const decoded = file.compressed ? gunzipped(file, raw) : raw;
  return { chunks: splitLines(decoded, maxLineBytes), bytesRead: () => raw.bytesRead };
}

/**
 * A gzip file's bytes; where it is cut short or damaged, every byte it holds before that point, then
 * zlib's error. A failing gunzip stream drops what it had decoded but not yet handed over, so that part
 * is decoded again by a lenient stream (one that stops quietly where the data ends), skipping what was
 * delivered. The line cut in two is never yielded: the error ends the lines first.
 */
async function* gunzipped(file: InputFile, raw: fs.ReadStream): AsyncGenerator<Buffer> {
  let delivered = 0;
  try {
    for await (const chunk of pipeline(raw, zlib.createGunzip({ chunkSize: READ_CHUNK_BYTES }), () => {})) {
      delivered += chunk.length;
      yield chunk;
    }
  } catch (error) {
    const lenient = zlib.createGunzip({
      chunkSize: READ_CHUNK_BYTES,
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
    });
    let skip = delivered;
    try {
      for await (const chunk of pipeline(fs.createReadStream(file.path), lenient, () => {})) {
        if (skip >= chunk.length) {
          skip -= chunk.length;
          continue;
        }
        yield skip === 0 ? chunk : chunk.subarray(skip);
        skip = 0;
      }
    } catch {
      // Damaged rather than cut short: the lenient stream stops at the damage too; the first error says why.
    }
    throw error;
  }
}

async function* splitLines(stream: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<InputLine[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let oversized = false;
  let firstLine = true;

  const finishLine = (tail: Buffer): InputLine => {
    const tooLong = oversized || pendingBytes + tail.length > maxLineBytes;
    const bytes = tooLong ? null : pending.length === 0 ? tail : Buffer.concat([...pending, tail]);
    pending = [];
    pendingBytes = 0;
    oversized = false;
    if (bytes === null) return OVERSIZED_LINE;
    const end =
      bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
    if (!isUtf8(bytes.subarray(0, end))) {
      firstLine = false;
      return NOT_UTF8_LINE;
    }
    let text = bytes.toString("utf8", 0, end);
    if (firstLine && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    firstLine = false;
    return text;
  };

  for await (const chunk of stream) {
    const lines: InputLine[] = [];
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      lines.push(finishLine(chunk.subarray(start, end)));
      start = end + 1;
    }
    const rest = chunk.subarray(start);
    if (!oversized && rest.length > 0) {
      pendingBytes += rest.length;
      if (pendingBytes > maxLineBytes) {
        oversized = true;
        pending = [];
      } else {
        pending.push(rest);
      }
    }
    if (lines.length > 0) yield lines;
  }
  if (oversized || pendingBytes > 0) yield [finishLine(Buffer.alloc(0))];
}
