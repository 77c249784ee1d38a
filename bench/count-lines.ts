import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";

const NEWLINE = 0x0a;

/** Non-empty lines of a gzip file: the number of records an import reads, counted apart from the CLI. */
export async function countGzipLines(file: string): Promise<number> {
  let lines = 0;
  let lineHasContent = false;
  for await (const chunk of createReadStream(file).pipe(createGunzip()) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte === NEWLINE) {
        if (lineHasContent) lines += 1;
        lineHasContent = false;
      } else lineHasContent = true;
    }
  }
  return lineHasContent ? lines + 1 : lines;
}
