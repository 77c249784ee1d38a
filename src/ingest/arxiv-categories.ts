import { isArxivCategory } from "../core/arxiv-categories.js";

/**
 * The arXiv categories among raw entries, in order and without duplicates. An entry may hold several
 * codes separated by spaces, commas or semicolons ("cs.LG stat.ML" in the metadata snapshot).
 */
export function arxivCategoriesOf(entries: readonly string[]): string[] {
  const categories = new Set<string>();
  for (const entry of entries) {
    for (const code of entry.split(/[\s,;]+/)) {
      if (isArxivCategory(code)) categories.add(code);
    }
  }
  return [...categories];
}
