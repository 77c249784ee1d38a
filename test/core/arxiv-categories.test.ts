import { describe, expect, it } from "vitest";
import { arxivCategoryCodes, categoriesCoveredBy, isArxivCategory } from "../../src/core/arxiv-categories.js";
import { toPaper } from "../../src/core/merge-paper.js";
import { matchesFilters, NO_FILTERS } from "../../src/core/search-filters.js";
import { makePaperInput } from "../support/paper-factory.js";

describe("categoriesCoveredBy", () => {
  it("covers a category itself and an archive's every category", () => {
    expect(categoriesCoveredBy(["hep-th"])).toEqual(["hep-th"]);
    const cs = categoriesCoveredBy(["cs"]);
    expect(cs).toContain("cs");
    expect(cs).toContain("cs.LG");
    expect(cs).toContain("cs.AI");
    expect(cs.every((code) => code === "cs" || code.startsWith("cs."))).toBe(true);
    expect(categoriesCoveredBy(["cs.LG", "math"])).toContain("math.AG");
  });

  it("is the category filter's rule as a set, for every known category and archive", () => {
    const codes = arxivCategoryCodes();
    for (const wanted of codes) {
      const covered = new Set(categoriesCoveredBy([wanted]));
      for (const category of codes.filter(isArxivCategory)) {
        const paper = toPaper(makePaperInput({ categories: [category] }));
        const rule = matchesFilters(paper, { ...NO_FILTERS, categories: [wanted] });
        expect(covered.has(category), `${wanted} covers ${category}`).toBe(rule);
      }
    }
  });
});
