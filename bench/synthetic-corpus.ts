/**
 * The 1M-paper corpus: a copy of the merged real corpus plus synthetic papers drawn from the real
 * vocabulary, written through the store like any import. Deterministic (fixed seed).
 *
 * Each synthetic paper takes a random real paper's abstract with about a third of its words swapped for
 * words drawn from the whole corpus (so word frequencies stay real), a title spliced from two real
 * titles, the first paper's categories and another's authors. Ids are new-style ids with numbers from
 * 60000 up, which the real corpora never reach, spread over the months 2015-01 to 2026-12.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import type { PaperInput } from "../src/core/paper.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import { BENCH_DB, OUTPUT_DIR } from "./paths.js";
import { seededRandom } from "./seeded-random.js";

export const MILLION_DATA_DIR = path.join(OUTPUT_DIR, "data-1m");
export const MILLION_DB = path.join(MILLION_DATA_DIR, "paperpulse.db");
/** Where the corpus is built; renamed to MILLION_DATA_DIR only when complete, so no benchmark reads half of one. */
const BUILDING_DIR = `${MILLION_DATA_DIR}.building`;
const TARGET_PAPERS = 1_000_000;
const BATCH = 5_000;
const SWAP_SHARE = 0.33;
const WORD_POOL = 5_000_000;

interface Template {
  title: string[];
  abstract: string[];
  categories: string[];
  authors: string[];
}

function syntheticId(index: number): string {
  const months = 12 * 12;
  const month = index % months;
  const yymm = `${15 + Math.floor(month / 12)}${String((month % 12) + 1).padStart(2, "0")}`;
  return `${yymm}.${60_000 + Math.floor(index / months)}`;
}

function pick<T>(items: T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function synthesise(index: number, templates: Template[], pool: string[], random: () => number): PaperInput {
  const first = pick(templates, random);
  const second = pick(templates, random);
  const cut = Math.ceil(first.title.length / 2);
  const title = [...first.title.slice(0, cut), ...second.title.slice(Math.floor(second.title.length / 2))];
  const abstract = first.abstract.map((word) => (random() < SWAP_SHARE ? pick(pool, random) : word));
  const id = syntheticId(index);
  const day = `20${id.slice(0, 2)}-${id.slice(2, 4)}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
  return {
    id,
    title: title.join(" "),
    abstract: abstract.join(" "),
    authors: pick(templates, random).authors,
    authorCount: null,
    categories: first.categories,
    comments: null,
    journalRef: null,
    doi: null,
    license: null,
    submitter: null,
    versions: [],
    publishedAt: `${day}T12:00:00.000Z`,
    listingDay: day,
    upvotes: Math.floor(random() ** 4 * 50),
  };
}

/** Builds bench/output/data-1m from the import benchmark's database; returns the synthetic count. */
export async function buildMillionCorpus(log: (line: string) => void): Promise<number> {
  if (!existsSync(BENCH_DB)) throw new Error(`${BENCH_DB} is missing: run \`npm run bench -- import\` first`);
  rmSync(BUILDING_DIR, { recursive: true, force: true });
  mkdirSync(BUILDING_DIR, { recursive: true });
  const source = openSqliteStore(BENCH_DB);
  await source.optimizeSearchIndex();
  await source.close();
  const buildingDb = path.join(BUILDING_DIR, path.basename(MILLION_DB));
  copyFileSync(BENCH_DB, buildingDb);

  const synthetic = await addSyntheticPapers(buildingDb, log);
  rmSync(MILLION_DATA_DIR, { recursive: true, force: true });
  renameSync(BUILDING_DIR, MILLION_DATA_DIR);
  return synthetic;
}

/** Fills the copied database up to TARGET_PAPERS with papers drawn from its real ones. */
async function addSyntheticPapers(databasePath: string, log: (line: string) => void): Promise<number> {
  const store = openSqliteStore(databasePath);
  try {
    const random = seededRandom(1_000_000);
    const templates: Template[] = [];
    const pool: string[] = [];
    for (let after: string | null = null; ; ) {
      const page = await store.papersAfter(after, 10_000);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      for (const paper of page) {
        const abstract = paper.abstract.split(/\s+/).filter(Boolean);
        templates.push({
          title: paper.title.split(/\s+/),
          abstract,
          categories: paper.categories,
          authors: paper.authors,
        });
        for (const word of abstract) if (pool.length < WORD_POOL && random() < 0.3) pool.push(word);
      }
    }
    const synthetic = TARGET_PAPERS - templates.length;
    log(`  generating ${synthetic} synthetic papers from ${templates.length} real ones`);
    for (let start = 0; start < synthetic; start += BATCH) {
      const batch: PaperInput[] = [];
      for (let i = start; i < Math.min(start + BATCH, synthetic); i++)
        batch.push(synthesise(i, templates, pool, random));
      await store.upsertPapers(batch);
      if ((start / BATCH) % 20 === 0) log(`  ${start + batch.length} written`);
    }
    await store.optimizeSearchIndex();
    return synthetic;
  } finally {
    await store.close();
  }
}
