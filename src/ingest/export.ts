import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import type { PaperStore } from "../store/store.js";
import { toExportLine } from "./formats/paperpulse-export.js";

const PAGE_SIZE = 1_000;

export interface ExportOptions {
  /** Gzip the output; by default when the file name ends in .gz. */
  gzip?: boolean;
  onProgress?(papersWritten: number): void;
  /** Stops the export: the partial file is removed and FILE is left as it was. */
  signal?: AbortSignal;
}

/** All papers in id order, a page at a time (keyset paging keeps memory flat at any store size). */
async function* exportLines(store: PaperStore, onPage: (count: number) => void): AsyncGenerator<string> {
  let afterId: string | null = null;
  let written = 0;
  for (;;) {
    const papers = await store.papersAfter(afterId, PAGE_SIZE);
    if (papers.length === 0) return;
    yield `${papers.map((paper) => JSON.stringify(toExportLine(paper))).join("\n")}\n`;
    written += papers.length;
    onPage(written);
    afterId = papers.at(-1)!.id;
  }
}

/**
 * Writes every paper as PaperPulse JSON Lines ({"format":"paperpulse/1", …paper}), which `import` reads
 * back. The file appears only when complete (written beside it, then renamed). Returns the paper count.
 */
export async function exportPapers(
  store: PaperStore,
  filePath: string,
  options: ExportOptions = {},
): Promise<number> {
  // Said before any paper is read: a large export would otherwise fail only at its last step.
  if (fs.statSync(filePath, { throwIfNoEntry: false })?.isDirectory())
    throw new Error(
      `${filePath} is a folder: name the export file, like ${path.join(filePath, "papers.jsonl.gz")}`,
    );
  if (!fs.statSync(path.dirname(filePath), { throwIfNoEntry: false })?.isDirectory())
    throw new Error(`there is no folder ${path.dirname(filePath)} to write ${path.basename(filePath)} in`);
  const gzip = options.gzip ?? filePath.endsWith(".gz");
  const partial = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${process.pid}.partial`);
  let count = 0;
  const lines = Readable.from(
    exportLines(store, (written) => {
      count = written;
      options.onProgress?.(written);
    }),
  );
  try {
    const output = fs.createWriteStream(partial);
    const signal = options.signal ?? new AbortController().signal;
    await (gzip
      ? pipeline(lines, zlib.createGzip(), output, { signal })
      : pipeline(lines, output, { signal }));
    await fs.promises.rename(partial, filePath);
  } catch (error) {
    await fs.promises.rm(partial, { force: true });
    throw error;
  }
  return count;
}
