import fs from "node:fs";
import type { LineReject } from "../ingest/batched-file-import.js";
import { formatCount } from "./format-numbers.js";

/**
 * Opened before the import starts, so a path that cannot be written stops it with a clear message; for
 * appending, so that a resumed import can keep what the run it resumes wrote (see startOver).
 */
function openRejectsFile(rejectsPath: string): number {
  try {
    return fs.openSync(rejectsPath, "a");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === "ENOENT"
        ? "no such folder"
        : code === "EACCES"
          ? "permission denied"
          : code === "EISDIR"
            ? "is a folder"
            : String(error);
    throw new Error(`--rejects ${rejectsPath}: ${problem}`);
  }
}

/**
 * Collects rejected lines: the first few are shown at the end of the run, all of them go to the
 * --rejects file when one is given, one "file:line: reason" per line.
 */
export class RejectLog {
  private readonly shown: string[] = [];
  private readonly fd: number | null;
  private readonly file: fs.WriteStream | null;
  private readonly filePath: string | null;
  count = 0;

  constructor(
    private readonly showLimit: number,
    rejectsPath: string | null,
  ) {
    this.filePath = rejectsPath;
    this.fd = rejectsPath === null ? null : openRejectsFile(rejectsPath);
    this.file = this.fd === null ? null : fs.createWriteStream("", { fd: this.fd });
  }

  /** Empties the file, unless the import resumes an interrupted one, whose rejected lines it keeps. */
  startOver(): void {
    if (this.fd !== null) fs.ftruncateSync(this.fd, 0);
  }

  record(reject: LineReject): void {
    const text = `${reject.file}:${reject.line}: ${reject.reason}`;
    this.count++;
    if (this.shown.length < this.showLimit) this.shown.push(text);
    this.file?.write(`${text}\n`);
  }

  /** The shown rejects and how many more there were. */
  report(): string {
    const more = this.count - this.shown.length;
    if (more === 0) return this.shown.join("\n");
    const hint = this.filePath ? `all are in ${this.filePath}` : "write them all with --rejects FILE";
    return [...this.shown, `… and ${formatCount(more)} more rejected lines (${hint})`].join("\n");
  }

  async close(): Promise<void> {
    const file = this.file;
    if (file)
      await new Promise<void>((resolve, reject) =>
        file.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
  }
}
