import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export interface BackupResult {
  /** Bytes of the finished copy. */
  bytes: number;
  /** Papers in the copy, read back from it. */
  papers: number;
}

/**
 * Copies the embedded database while the server keeps running (SQLite's online backup API, so
 * readers and the writer are never blocked for long), checks the copy's integrity and only then
 * puts it at `destination`: an interrupted or failed backup never leaves a half file there.
 */
export async function backupSqliteDatabase(
  databasePath: string,
  destination: string,
  onProgress: (progress: BackupProgress) => void = () => {},
): Promise<BackupResult> {
  if (!fs.existsSync(databasePath)) throw new Error(`no database at ${databasePath}`);
  if (path.resolve(databasePath) === path.resolve(destination))
    throw new Error("the backup must go to another file than the database itself");
  if (fs.statSync(destination, { throwIfNoEntry: false })?.isDirectory())
    throw new Error(
      `${destination} is a folder: name the backup file, like ${path.join(destination, "paperpulse.db")}`,
    );
  const partial = `${destination}.partial`;
  removeDatabaseFiles(partial);
  const source = new Database(databasePath, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    await source.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress({ totalPages, remainingPages });
        // Pages per step: large enough to finish quickly, small enough to let writers in between.
        return 1_000;
      },
    });
    const papers = verifyCopy(partial);
    fs.renameSync(partial, destination);
    return { bytes: fs.statSync(destination).size, papers };
  } catch (error) {
    removeDatabaseFiles(partial);
    throw error;
  } finally {
    source.close();
  }
}

/** A database file with the write-ahead log and shared-memory index SQLite keeps beside it. */
function removeDatabaseFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

function verifyCopy(file: string): number {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = copy.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`the backup failed its integrity check: ${String(integrity)}`);
    const row = copy.prepare("SELECT count(*) AS papers FROM papers").get() as { papers: number };
    return row.papers;
  } finally {
    copy.close();
    // Reading a copy in WAL mode leaves an empty log and its index beside it, named after the
    // partial file that is about to be renamed: nothing would ever remove them.
    for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
  }
}
