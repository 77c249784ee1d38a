import Database from "better-sqlite3";

/** The lock's own file, beside the database (it stays there, empty, between imports). */
export function bulkLoadLockPath(databasePath: string): string {
  return `${databasePath}-bulk-load-lock`;
}

/**
 * Held by the one process writing a bulk load, from its start to its end: an exclusive transaction on
 * a file of its own, which the operating system releases when the process ends, however it ends. A
 * second import must not join a bulk load another process is writing: the two side indexes would each
 * hold half the rows, and the first to finish would install its half and end the load.
 */
export class BulkLoadLock {
  private constructor(private readonly db: Database.Database) {}

  /** The lock, or null when another connection (this process or another) holds it. */
  static tryAcquire(databasePath: string): BulkLoadLock | null {
    const db = new Database(bulkLoadLockPath(databasePath), { timeout: 0 });
    try {
      db.exec("BEGIN EXCLUSIVE");
      return new BulkLoadLock(db);
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === "SQLITE_BUSY") return null;
      throw error;
    }
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}

/** Another process is writing a bulk load into this database: an import waits for it to end. */
export class BulkLoadBusyError extends Error {
  constructor(databasePath: string) {
    super(
      `Another import is loading papers into ${databasePath}; run this one when it has finished ` +
        "(an import that was stopped resumes where it left off).",
    );
    this.name = "BulkLoadBusyError";
  }
}
