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

/** The day of the Daily Papers page the demo papers come from ("Dec 11" in its header). */
export const DEMO_PAGE_DAY = "2025-12-11";

/**
 * Loads the bundled demo papers into an empty store, all listed on the seed page's day so the home page
 * reads like that page; returns how many were stored (0 when the store was not empty).
 */
export async function loadDemoIfEmpty(store: PaperStore): Promise<number> {
  if ((await store.countPapers()) > 0) return 0;
  const summary = await importPaperFiles(store, [demoPapersFile()]);
  // The store was empty, so every paper in it now is a demo paper.
  const papers = await store.papersAfter(null, summary.total.read);
  await store.addListings(papers.map((paper) => ({ day: DEMO_PAGE_DAY, paperId: paper.id })));
  return summary.total.inserted + summary.total.updated;
}
