import { existsSync } from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { packageRoot } from "../../package-info.js";

const LIBRARY_SUFFIX: Partial<Record<NodeJS.Platform, string>> = { darwin: "dylib", win32: "dll" };

/** The C source of the ranking extension (ADR 0017), which `npm install` compiles. */
export function rankingExtensionSource(): string {
  return path.join(packageRoot(), "src", "store", "sqlite", "native", "fts5-ranking.c");
}

/** Where `npm install` builds the ranking extension (scripts/build-sqlite-extension.ts) and the store loads it. */
export function rankingExtensionPath(): string {
  return path.join(packageRoot(), "build", `fts5-ranking.${LIBRARY_SUFFIX[process.platform] ?? "so"}`);
}

/**
 * Loads the extension that adds `bm25_given_df` (ADR 0017) into this connection. Returns false when
 * it was not built (no C compiler at install): the store then ranks with FTS5's own bm25().
 */
export function loadRankingExtension(db: Database.Database, extensionPath: string | null): boolean {
  if (extensionPath === null || !existsSync(extensionPath)) return false;
  try {
    db.loadExtension(extensionPath);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `the search ranking extension ${extensionPath} does not load (${reason}); rebuild it with \`npm install\` or delete it to rank with FTS5's bm25()`,
    );
  }
  return true;
}
