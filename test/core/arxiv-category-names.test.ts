import { describe, expect, it } from "vitest";
import { arxivCategoryCodes } from "../../src/core/arxiv-categories.js";
import { archiveNameOf, categoryName } from "../../src/core/arxiv-category-names.js";

describe("arXiv category names", () => {
  it("names every category and archive arXiv has", () => {
    const unnamed = arxivCategoryCodes().filter((code) => categoryName(code) === null);
    expect(unnamed).toEqual([]);
  });

  it("names categories, archives and retired archives whatever the case", () => {
    expect(categoryName("cs.LG")).toBe("Machine Learning");
    expect(categoryName("cs.lg")).toBe("Machine Learning");
    expect(categoryName("stat.ML")).toBe("Machine Learning");
    expect(categoryName("cond-mat.stat-mech")).toBe("Statistical Mechanics");
    expect(categoryName("CS")).toBe("Computer Science");
    expect(categoryName("hep-th")).toBe("High Energy Physics – Theory");
    expect(categoryName("cmp-lg")).toBe("Computation and Language");
    expect(archiveNameOf("q-bio.NC")).toBe("Quantitative Biology");
    expect(archiveNameOf("hep-th")).toBeNull();
  });

  it("has no name for codes arXiv does not have", () => {
    expect(categoryName("cs.XX")).toBeNull();
    expect(categoryName("I.2.7")).toBeNull();
    expect(categoryName("")).toBeNull();
  });
});
