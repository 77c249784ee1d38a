import { describe, expect, it } from "vitest";
import {
  addDays,
  isoWeekOf,
  isValidDay,
  middleDay,
  monthPeriodOf,
  newYorkDay,
  parsePeriod,
  shiftPeriod,
  weekPeriodOf,
} from "../../src/core/calendar.js";

describe("calendar periods", () => {
  it("validates days", () => {
    expect(isValidDay("2025-09-11")).toBe(true);
    expect(isValidDay("2024-02-29")).toBe(true);
    expect(isValidDay("2000-02-29")).toBe(true);
    expect(isValidDay("2999-12-31")).toBe(true);
    for (const bad of [
      "2025-02-29",
      "1900-02-29",
      "2100-02-29",
      "2025-04-31",
      "2025-00-10",
      "2025-01-00",
      "2025-01-32",
      "3000-01-01",
      "2025-13-01",
      "2025-9-1",
      "20250911",
      "1900-01-01",
      "",
      "2025-09-11x",
    ]) {
      expect(isValidDay(bad)).toBe(false);
    }
  });

  it("labels ISO weeks across year boundaries", () => {
    expect(isoWeekOf("2025-09-11")).toBe("2025-W37");
    expect(isoWeekOf("2024-12-30")).toBe("2025-W01");
    expect(isoWeekOf("2021-01-03")).toBe("2020-W53");
    expect(isoWeekOf("2026-01-01")).toBe("2026-W01");
  });

  it("parses day, week and month labels into inclusive ranges", () => {
    expect(parsePeriod("day", "2025-09-11")).toEqual({
      kind: "day",
      label: "2025-09-11",
      from: "2025-09-11",
      to: "2025-09-11",
    });
    expect(parsePeriod("week", "2025-W37")).toEqual({
      kind: "week",
      label: "2025-W37",
      from: "2025-09-08",
      to: "2025-09-14",
    });
    expect(parsePeriod("week", "2020-W53")?.from).toBe("2020-12-28");
    expect(parsePeriod("month", "2024-02")).toEqual({
      kind: "month",
      label: "2024-02",
      from: "2024-02-01",
      to: "2024-02-29",
    });
  });

  it("rejects malformed and impossible labels", () => {
    expect(parsePeriod("day", "2025-02-30")).toBeNull();
    expect(parsePeriod("week", "2025-W00")).toBeNull();
    expect(parsePeriod("week", "2025-W53")).toBeNull();
    expect(parsePeriod("week", "2025-37")).toBeNull();
    expect(parsePeriod("month", "2025-13")).toBeNull();
    expect(parsePeriod("month", "2025-1")).toBeNull();
  });

  it("steps to neighbouring periods", () => {
    expect(shiftPeriod(parsePeriod("day", "2025-03-01")!, -1).label).toBe("2025-02-28");
    expect(shiftPeriod(parsePeriod("week", "2025-W01")!, -1).label).toBe("2024-W52");
    expect(shiftPeriod(parsePeriod("month", "2025-12")!, 1).label).toBe("2026-01");
    expect(shiftPeriod(parsePeriod("month", "2025-03")!, -1)).toMatchObject({
      from: "2025-02-01",
      to: "2025-02-28",
    });
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
  });

  it("reads announcement days in New York time", () => {
    expect(newYorkDay(new Date("2025-09-11T03:00:00Z"))).toBe("2025-09-10");
    expect(newYorkDay(new Date("2025-09-11T05:00:00Z"))).toBe("2025-09-11");
  });

  it("anchors an empty period where month → week → month comes back to the month it left", () => {
    const december = parsePeriod("month", "2029-12")!;
    const week = weekPeriodOf(middleDay(december));
    expect(week.label).toBe("2029-W50");
    expect(monthPeriodOf(middleDay(week)).label).toBe("2029-12");
    // 2029-W48 runs Nov 26 – Dec 2: ISO files it under November, its Thursday's month.
    expect(middleDay(parsePeriod("week", "2029-W48")!)).toBe("2029-11-29");
    expect(monthPeriodOf(middleDay(parsePeriod("week", "2030-W01")!)).label).toBe("2030-01");
    expect(middleDay(parsePeriod("day", "2030-01-01")!)).toBe("2030-01-01");
  });
});
