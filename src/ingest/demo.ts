import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PaperStore } from "../store/store.js";
import { importPaperFiles } from "./import-papers.js";

/**
 * The package root: the nearest folder above this module with a package.json. The same code then runs
 * from src/ingest (tsx) and from dist/src/ingest (after tsc).
 */
function packageRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(folder, "package.json"))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error("package.json not found above the ingest module");
    folder = parent;
  }
  return folder;
}

export function demoPapersFile(): string {
  return path.join(packageRoot(), "demo", "seed-papers.jsonl");
}

/** Loads the bundled demo papers into an empty store; returns how many were stored (0 when not empty). */
export async function loadDemoIfEmpty(store: PaperStore): Promise<number> {
  if ((await store.countPapers()) > 0) return 0;
  const summary = await importPaperFiles(store, [demoPapersFile()]);
  return summary.total.inserted + summary.total.updated;
}
