import path from "node:path";
import { packageRoot } from "../package-info.js";
import type { PaperStore } from "../store/store.js";
import { importPaperFiles } from "./import-papers.js";

export function demoPapersFile(): string {
  return path.join(packageRoot(), "demo", "seed-papers.jsonl");
}

/** Loads the bundled demo papers into an empty store; returns how many were stored (0 when not empty). */
export async function loadDemoIfEmpty(store: PaperStore): Promise<number> {
  if ((await store.countPapers()) > 0) return 0;
  const summary = await importPaperFiles(store, [demoPapersFile()]);
  return summary.total.inserted + summary.total.updated;
}
