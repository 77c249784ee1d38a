import { Command } from "commander";
import { loadConfig } from "../../config.js";
import type { LineReject } from "../../ingest/batched-file-import.js";
import { RECORD_FORMATS } from "../../ingest/formats/index.js";
import { importListingFiles, type ListingsFileSummary } from "../../ingest/import-listings.js";
import {
  BULK_LOAD_BATCH_SIZE,
  DEFAULT_BATCH_SIZE,
  describeInputFiles,
  importPaperFiles,
} from "../../ingest/import-papers.js";
import type { InputFile } from "../../ingest/input-file.js";
import type { ImportPosition, PaperStore } from "../../store/store.js";
import { embedImported } from "../embed-imported.js";
import { EXIT } from "../exit-codes.js";
import { formatCount } from "../format-numbers.js";
import { progressDisplay } from "../import-progress.js";
import { formatListingsSummary, formatPaperSummary } from "../import-summary.js";
import { interruptOnCtrlC } from "../interrupt.js";
import { withStore } from "../open-store.js";
import { RejectLog, refuseRejectsOver } from "../reject-log.js";
import { wholeNumberOption } from "../whole-number-option.js";

interface ImportCommandOptions {
  listings: string[];
  /** False with --no-embed. */
  embed: boolean;
  batchSize?: number;
  rejects?: string;
  dryRun?: boolean;
  quiet?: boolean;
}

const SHOWN_REJECTS = 20;

const HELP_AFTER = `
Formats (detected per line; files may be plain or gzip, detected by content):
  ${RECORD_FORMATS.map((format) => format.name).join(", ")}
  Listings files: "YYYY-MM-DD<TAB>arXiv id" rows, header optional.

Importing the same file again changes nothing. An interrupted import (Ctrl-C, kill, crash) resumes
after its last committed batch when run again with the same, unchanged file.

Exit codes:
  0    every line was imported
  1    failure: a file is missing or unreadable, a bad option, a database error
  2    finished, but some lines were rejected (listed as file:line: reason; all with --rejects FILE),
       by this run or by the interrupted run it resumed (whose lines --rejects FILE is added to)
  130  interrupted by Ctrl-C after committing the batch in progress; run again to resume`;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function resumeNote(file: InputFile, resumeAt: ImportPosition | null): string | null {
  if (resumeAt === null) return null;
  const rejected =
    resumeAt.rejected > 0
      ? ` (${formatCount(resumeAt.rejected)} earlier line${resumeAt.rejected === 1 ? "" : "s"} rejected)`
      : "";
  return `resuming ${file.path} at line ${formatCount(resumeAt.line + 1)}${rejected}`;
}

/**
 * When an input resumes an interrupted import, each input's last committed line (0: started over), by
 * the path its rejects name; null when every input starts over.
 */
async function resumedLines(store: PaperStore, inputs: InputFile[]): Promise<Map<string, number> | null> {
  const positions = await Promise.all(inputs.map((input) => store.getCheckpoint(input.checkpointKey)));
  if (positions.every((position) => position === null)) return null;
  return new Map(inputs.map((input, index) => [input.path, positions[index]?.line ?? 0]));
}

async function runImport(files: string[], options: ImportCommandOptions): Promise<number> {
  if (files.length === 0 && options.listings.length === 0) {
    process.stderr.write("paperpulse import: name at least one papers file or --listings file\n");
    return EXIT.failure;
  }
  const inputs = await describeInputFiles([...files, ...options.listings]);
  if (options.rejects !== undefined) {
    const { databasePath } = loadConfig();
    refuseRejectsOver(options.rejects, [
      ...inputs.map((input) => ({ path: input.path, what: `the input file ${input.path}` })),
      ...["", "-wal", "-shm", "-journal"].map((suffix) => ({
        path: `${databasePath}${suffix}`,
        what: "the database",
      })),
    ]);
  }
  const rejects = new RejectLog(SHOWN_REJECTS, options.rejects ?? null);
  let rejectedEarlier = 0;
  const progress = progressDisplay(process.stderr, options.quiet ?? false);
  const controller = new AbortController();
  const stopListening = interruptOnCtrlC(controller, "batch", (message) => progress.note(message));
  const shared = {
    dryRun: options.dryRun ?? false,
    signal: controller.signal,
    onReject: (reject: LineReject) => rejects.record(reject),
    onFileStart(file: InputFile, resumeAt: ImportPosition | null) {
      const note = resumeNote(file, resumeAt);
      if (note) progress.note(note);
    },
  };
  try {
    await withStore(async (store) => {
      const resumed = options.dryRun ? null : await resumedLines(store, inputs);
      if (resumed === null) rejects.startOver();
      else rejects.keepCommitted(resumed);
      let listings: ListingsFileSummary[] | null = null;
      const importListings = async () => {
        progress.stop();
        if (options.listings.length > 0 && !controller.signal.aborted) {
          const summaries = await importListingFiles(store, options.listings, shared);
          rejectedEarlier += summaries.reduce((sum, file) => sum + file.rejectedEarlier, 0);
          listings = summaries;
        }
      };
      if (files.length > 0) {
        // The listings are written while the papers' search index is finished on another thread.
        const summary = await importPaperFiles(store, files, {
          ...shared,
          batchSize: options.batchSize,
          onProgress: (p) => progress.update(p),
          followUp: importListings,
        });
        progress.stop();
        rejectedEarlier += summary.total.rejectedEarlier;
        process.stdout.write(`${formatPaperSummary(summary)}\n`);
      } else {
        await importListings();
      }
      if (listings) process.stdout.write(`${formatListingsSummary(listings)}\n`);
      // A phase of its own after the writes, so the import's own rate is the same with or without it.
      if (options.embed && !options.dryRun && !controller.signal.aborted) {
        await embedImported(store, controller.signal, options.quiet ?? false);
      }
    });
  } finally {
    progress.stop();
    stopListening();
    await rejects.close();
  }
  if (rejects.count > 0) process.stderr.write(`${rejects.report()}\n`);
  if (options.dryRun) process.stdout.write("dry run: nothing was written\n");
  if (controller.signal.aborted) return EXIT.interrupted;
  return rejects.count + rejectedEarlier > 0 ? EXIT.finishedWithRejects : EXIT.ok;
}

export function importCommand(): Command {
  return new Command("import")
    .description("Import papers from JSON Lines files (plain or .gz) and announcement listings")
    .argument("[files...]", "papers files")
    .option("--listings <file>", "announcement listings file (day<TAB>arXiv id); repeatable", collect, [])
    .option(
      "--batch-size <n>",
      `papers per transaction (default: ${formatCount(DEFAULT_BATCH_SIZE)}; ${formatCount(BULK_LOAD_BATCH_SIZE)} when loading an empty database, or a large import in bulk)`,
      wholeNumberOption(1, 1_000_000),
    )
    .option("--rejects <file>", "write every rejected line (file:line: reason) to this file")
    .option("--dry-run", "read and validate only; write nothing")
    .option("--no-embed", "skip the embedding phase (the server embeds the papers later)")
    .option("-q, --quiet", "no progress display")
    .addHelpText("after", HELP_AFTER)
    .action(async (files: string[], options: ImportCommandOptions) => {
      process.exitCode = await runImport(files, options);
    });
}
