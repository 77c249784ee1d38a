import { describe, expect, it } from "vitest";
import {
  EMPTY_MARK,
  HarvestPlanError,
  markCompleted,
  markInProgress,
  parseMark,
  planRun,
  serialiseMark,
} from "../../../src/ingest/arxiv/harvest-mark.js";

const TODAY = "2025-01-10";

describe("planRun", () => {
  it("first run: from the beginning until today", () => {
    expect(planRun(EMPTY_MARK, {}, TODAY)).toEqual({ range: { from: null, until: TODAY }, token: null });
  });

  it("next run: from the stored mark, inclusive", () => {
    const mark = { next: "2025-01-08", pending: null };
    expect(planRun(mark, {}, TODAY)).toEqual({ range: { from: "2025-01-08", until: TODAY }, token: null });
  });

  it("continues a pending list when no range is given, or exactly its range", () => {
    const mark = { next: "2025-01-01", pending: { from: "2025-01-01", until: "2025-01-05", token: "t" } };
    const resume = { range: { from: "2025-01-01", until: "2025-01-05" }, token: "t" };
    expect(planRun(mark, {}, TODAY)).toEqual(resume);
    expect(planRun(mark, { from: "2025-01-01", until: "2025-01-05" }, TODAY)).toEqual(resume);
    expect(planRun(mark, { from: "2025-01-03" }, TODAY)).toEqual({
      range: { from: "2025-01-03", until: TODAY },
      token: null,
    });
  });

  it("refuses bad days and an inverted range", () => {
    expect(() => planRun(EMPTY_MARK, { from: "2025-13-01" }, TODAY)).toThrow(HarvestPlanError);
    expect(() => planRun(EMPTY_MARK, { from: "2025-01-05", until: "2025-01-04" }, TODAY)).toThrow(
      "--from 2025-01-05 is after --until 2025-01-04",
    );
  });
});

describe("marks", () => {
  const range = { from: "2025-01-06", until: "2025-01-08" };

  it("keeps `next` while a list is in progress", () => {
    const mark = { next: "2025-01-06", pending: null };
    expect(markInProgress(mark, range, "t2")).toEqual({
      next: "2025-01-06",
      pending: { ...range, token: "t2" },
    });
  });

  it("moves `next` to `until` (inclusive: that day is read again) when the list is complete", () => {
    expect(markCompleted({ next: "2025-01-06", pending: null }, range)).toEqual({
      next: "2025-01-08",
      pending: null,
    });
    expect(markCompleted(EMPTY_MARK, range).next).toBe("2025-01-08");
  });

  it("never moves `next` backwards, nor past a gap", () => {
    expect(markCompleted({ next: "2025-02-01", pending: null }, range).next).toBe("2025-02-01");
    expect(markCompleted({ next: "2025-01-01", pending: null }, range).next).toBe("2025-01-01");
  });

  it("round-trips through the store's text and refuses garbage", () => {
    const mark = { next: "2025-01-06", pending: { ...range, token: "6960524|1001" } };
    expect(parseMark(serialiseMark(mark))).toEqual(mark);
    expect(parseMark(null)).toEqual(EMPTY_MARK);
    expect(() => parseMark("{not json")).toThrow(HarvestPlanError);
    expect(() => parseMark('{"next":"yesterday","pending":null}')).toThrow(HarvestPlanError);
  });
});
