import fs from "node:fs/promises";
import path from "node:path";

/** An input file as the importer sees it: where it is, whether it is gzip, and its resume key. */
export interface InputFile {
  /** As the user named it; used in messages. */
  path: string;
  size: number;
  compressed: boolean;
  /** Absolute path, size and modification time: a changed file never resumes from a stale line. */
  checkpointKey: string;
}

/** A file that cannot be imported at all (missing, a folder, unreadable). */
export class InputFileError extends Error {
  override name = "InputFileError";
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Reads the first bytes: gzip is recognised by content, whatever the file is called. */
async function isGzip(handle: fs.FileHandle): Promise<boolean> {
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
  return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
}

export async function describeInputFile(filePath: string): Promise<InputFile> {
  const absolutePath = path.resolve(filePath);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(absolutePath, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String(error);
    throw new InputFileError(`${filePath}: ${problem}`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new InputFileError(`${filePath}: not a regular file`);
    return {
      path: filePath,
      size: stats.size,
      compressed: await isGzip(handle),
      checkpointKey: `${absolutePath}:${stats.size}:${Math.trunc(stats.mtimeMs)}`,
    };
  } finally {
    await handle.close();
  }
}
