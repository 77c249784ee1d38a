import { describe, expect, it } from "vitest";
import {
  assessDays,
  categoryMatrix,
  gapDays,
  isWeekday,
  OTHER_CATEGORY,
  resolveWindow,
  windowLength,
  windowRequestProblem,
} from "../../src/core/ingest-health.js";

// 2025-09-08 is a Monday; 2025-09-13/14 the weekend after.
const WEEK = { from: "2025-09-08", until: "2025-09-14" };

describe("gaps", () => {
  const counts = [
    { day: "2025-09-08", papers: 5 },
    { day: "2025-09-09", papers: 3 },
    // Wednesday 2025-09-10 missing.
    { day: "2025-09-11", papers: 4 },
    { day: "2025-09-12", papers: 2 },
  ];

  it("reports a missing Wednesday and not the weekend", () => {
    const days = assessDays(WEEK, counts, "2025-09-08");
    expect(gapDays(days)).toEqual(["2025-09-10"]);
    expect(days.map((day) => day.papers)).toEqual([5, 3, 0, 4, 2, 0, 0]);
    expect(days.filter((day) => !day.weekday).map((day) => day.day)).toEqual(["2025-09-13", "2025-09-14"]);
  });

  it("counts a holiday (no calendar) as a gap, like any weekday without papers", () => {
    const christmas = assessDays({ from: "2025-12-25", until: "2025-12-25" }, [], "2025-09-08");
    expect(gapDays(christmas)).toEqual(["2025-12-25"]);
  });

  it("reports no gaps before the store's first day, nor in an empty store", () => {
    expect(gapDays(assessDays(WEEK, counts.slice(2), "2025-09-11"))).toEqual([]);
    expect(gapDays(assessDays(WEEK, counts.slice(1), "2025-09-09"))).toEqual(["2025-09-10"]);
    expect(gapDays(assessDays(WEEK, [], null))).toEqual([]);
  });

  it("knows weekdays", () => {
    expect(["2025-09-12", "2025-09-13", "2025-09-14", "2025-09-15"].map(isWeekday)).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });
});

describe("window", () => {
  it("defaults to 60 days ending at the anchor", () => {
    expect(resolveWindow({}, "2025-09-11")).toEqual({ from: "2025-07-14", until: "2025-09-11" });
    expect(windowLength(resolveWindow({}, "2025-09-11"))).toBe(60);
  });

  it("takes days, from and until", () => {
    expect(resolveWindow({ days: 7 }, "2025-09-14")).toEqual(WEEK);
    expect(resolveWindow({ from: "2025-09-08", days: 7 }, "2030-01-01")).toEqual(WEEK);
    expect(resolveWindow({ until: "2025-09-14", days: 7 }, "2030-01-01")).toEqual(WEEK);
    expect(resolveWindow(WEEK, "2030-01-01")).toEqual(WEEK);
  });

  it("explains bad requests", () => {
    expect(windowRequestProblem({})).toBeNull();
    expect(windowRequestProblem(WEEK)).toBeNull();
    expect(windowRequestProblem({ from: "2025-02-30" })).toMatch(/from must be a day/);
    expect(windowRequestProblem({ until: "yesterday" })).toMatch(/until must be a day/);
    expect(windowRequestProblem({ from: "2025-09-14", until: "2025-09-08" })).toMatch(/not be after/);
    expect(windowRequestProblem({ ...WEEK, days: 7 })).toMatch(/not all three/);
    expect(windowRequestProblem({ days: 0 })).toMatch(/1 to 365/);
    expect(windowRequestProblem({ days: 366 })).toMatch(/1 to 365/);
    expect(windowRequestProblem({ from: "2024-01-01", until: "2025-01-01" })).toMatch(/at most 365/);
    expect(windowRequestProblem({ from: "2024-01-01", until: "2024-12-30" })).toBeNull();
  });
});

describe("category matrix", () => {
  it("keeps the busiest categories and folds the rest (and uncategorised) into other", () => {
    const matrix = categoryMatrix(
      [
        { day: "2025-09-08", category: "cs.LG", papers: 5 },
        { day: "2025-09-08", category: "cs.CV", papers: 3 },
        { day: "2025-09-08", category: "cs.RO", papers: 1 },
        { day: "2025-09-09", category: "", papers: 2 },
        { day: "2025-09-09", category: "cs.CV", papers: 4 },
      ],
      2,
    );
    expect(matrix.categories).toEqual(["cs.CV", "cs.LG", OTHER_CATEGORY]);
    expect(matrix.rows).toEqual([
      { day: "2025-09-08", counts: [3, 5, 1], total: 9 },
      { day: "2025-09-09", counts: [4, 0, 2], total: 6 },
    ]);
  });

  it("has no other column when everything fits", () => {
    const matrix = categoryMatrix([{ day: "2025-09-08", category: "cs.LG", papers: 1 }], 6);
    expect(matrix).toEqual({ categories: ["cs.LG"], rows: [{ day: "2025-09-08", counts: [1], total: 1 }] });
  });
});
