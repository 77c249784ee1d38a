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

/** What the rejects file must not be, since an import that starts over empties it. */
export interface KeptFile {
  path: string;
  /** Named in the refusal: "the input file a.jsonl", "the database". */
  what: string;
}

function fileIdentity(filePath: string): fs.Stats | null {
  try {
    return fs.statSync(filePath);
  } catch {
    return null;
  }
}

/**
 * Refuses a --rejects path that is one of the import's inputs or the database (the same file under any
 * name, links included): opening it would empty it before a line was read.
 */
export function refuseRejectsOver(rejectsPath: string, kept: readonly KeptFile[]): void {
  const target = fileIdentity(rejectsPath);
  if (target === null) return;
  for (const file of kept) {
    const other = fileIdentity(file.path);
    if (other !== null && other.dev === target.dev && other.ino === target.ino) {
      throw new Error(`--rejects ${rejectsPath}: is ${file.what}; name a file of its own`);
    }
  }
}

/** The input line a "file:line: reason" entry names, for the longest input path it starts with. */
function entryLine(entry: string, files: Iterable<string>): { file: string; line: number } | null {
  let found: { file: string; line: number } | null = null;
  for (const file of files) {
    if (!entry.startsWith(`${file}:`) || (found && found.file.length > file.length)) continue;
    const line = /^(\d+): /.exec(entry.slice(file.length + 1));
    if (line) found = { file, line: Number(line[1]) };
  }
  return found;
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

  /** Empties the file: the import starts every input over. */
  startOver(): void {
    if (this.fd !== null) fs.ftruncateSync(this.fd, 0);
  }

  /**
   * Keeps what the interrupted run this import resumes wrote for the lines it committed (`committed`:
   * each input's last committed line, 0 for one it starts over). The lines after a checkpoint are read
   * and rejected again, so a run killed between writing a reject and saving its checkpoint would
   * otherwise list them twice. Entries of files this import does not read are kept.
   */
  keepCommitted(committed: ReadonlyMap<string, number>): void {
    if (this.fd === null || this.filePath === null) return;
    const kept = fs
      .readFileSync(this.filePath, "utf8")
      .split("\n")
      .filter((entry) => {
        if (entry === "") return false;
        const named = entryLine(entry, committed.keys());
        return named === null || named.line <= (committed.get(named.file) ?? 0);
      });
    fs.ftruncateSync(this.fd, 0);
    if (kept.length > 0) fs.writeSync(this.fd, `${kept.join("\n")}\n`);
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
