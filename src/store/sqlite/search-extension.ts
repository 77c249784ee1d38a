import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { packageRoot } from "../../package-info.js";

const LIBRARY_SUFFIX: Partial<Record<NodeJS.Platform, string>> = { darwin: "dylib", win32: "dll" };

/** The C sources of the search extension (ADR 0017, ADR 0026), which `npm install` compiles into one library. */
export function searchExtensionSources(): string[] {
  const folder = path.join(packageRoot(), "src", "store", "sqlite", "native");
  return readdirSync(folder)
    .filter((name) => name.endsWith(".c"))
    .sort()
    .map((name) => path.join(folder, name));
}

/** Where `npm install` builds the search extension (scripts/build-sqlite-extension.ts) and the store loads it. */
export function searchExtensionPath(): string {
  return path.join(packageRoot(), "build", `fts5-search.${LIBRARY_SUFFIX[process.platform] ?? "so"}`);
}

/**
 * Loads the extension into this connection: `bm25_given_df` (ADR 0017) and the porter tokenizer that
 * remembers stems (ADR 0026). Returns false when it was not built (no C compiler at install): the store
 * then ranks with FTS5's own bm25() and stems with FTS5's own porter, to the same results.
 */
export function loadSearchExtension(db: Database.Database, extensionPath: string | null): boolean {
  if (extensionPath === null || !existsSync(extensionPath)) return false;
  try {
    db.loadExtension(extensionPath);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `the search extension ${extensionPath} does not load (${reason}); rebuild it with \`npm install\` or delete it to search with FTS5's own functions`,
    );
  }
  return true;
}
