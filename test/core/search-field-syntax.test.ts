import { describe, expect, it } from "vitest";
import { combineFilters, parseFieldSyntax } from "../../src/core/search-field-syntax.js";
import { NO_FILTERS } from "../../src/core/search-filters.js";

describe("parseFieldSyntax", () => {
  it("reads categories and archives whatever their case", () => {
    expect(parseFieldSyntax("cat:CS cat:cond-mat.MES-HALL cat:cs").filters.categories).toEqual([
      "cs",
      "cond-mat.mes-hall",
    ]);
  });

  it("reads author names, quoted or bare, dropping accents", () => {
    expect(parseFieldSyntax('author:Müller AUTHOR:"de la Cruz"').filters.authors).toEqual([
      ["muller"],
      ["de", "la", "cruz"],
    ]);
  });

  it("turns year, after and before into one inclusive day range", () => {
    expect(parseFieldSyntax("year:2024").filters).toMatchObject({ from: "2024-01-01", to: "2024-12-31" });
    expect(parseFieldSyntax("after:2024-02 before:2024-03-10").filters).toMatchObject({
      from: "2024-02-01",
      to: "2024-03-09",
    });
    expect(parseFieldSyntax("before:2025").filters.to).toBe("2024-12-31");
    expect(parseFieldSyntax("after:2023-02-28").filters.from).toBe("2023-02-28");
  });

  it("narrows when date fields overlap", () => {
    expect(parseFieldSyntax("year:2020-2024 after:2022-06 before:2030").filters).toMatchObject({
      from: "2022-06-01",
      to: "2024-12-31",
    });
  });

  it("leaves unreadable values in the text with one notice each", () => {
    const result = parseFieldSyntax("after:2023-02-30 year:2024-2020 author: x");
    expect(result.filters).toEqual(NO_FILTERS);
    expect(result.notices).toHaveLength(3);
    expect(result.rest).toContain("2023-02-30");
    expect(result.notices[0]).toMatch(/after:2023-02-30.*try after:/);
  });

  it("ignores field-like text inside words", () => {
    const result = parseFieldSyntax("subcat:cs.LG");
    expect(result.filters).toEqual(NO_FILTERS);
    expect(result.rest).toBe("subcat:cs.LG");
  });
});

describe("combineFilters", () => {
  it("applies both the typed and the chosen filters", () => {
    const typed = parseFieldSyntax("cat:cs.LG author:hinton after:2020").filters;
    const chosen = { categories: ["stat.ML"], authors: [["bengio"]], from: "2019-01-01", to: "2021-06-30" };
    expect(combineFilters(typed, chosen)).toEqual({
      categories: ["cs.LG", "stat.ML"],
      authors: [["hinton"], ["bengio"]],
      from: "2020-01-01",
      to: "2021-06-30",
    });
  });
});
