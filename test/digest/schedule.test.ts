import { describe, expect, it } from "vitest";
import {
  type DigestSchedule,
  duePeriod,
  isTimeZone,
  listingDaysOf,
  periodAt,
  zonedHourToInstant,
} from "../../src/digest/schedule.js";

const daily = (hour: number, timeZone: string): DigestSchedule => ({
  frequency: "daily",
  weekday: 1,
  hour,
  timeZone,
});
const weekly = (weekday: number, hour: number, timeZone: string): DigestSchedule => ({
  frequency: "weekly",
  weekday,
  hour,
  timeZone,
});
const at = (iso: string) => new Date(iso);
const LONG_AGO = at("2020-01-01T00:00:00Z");

describe("local hours as instants", () => {
  it("reads the hour in the zone, summer and winter", () => {
    expect(zonedHourToInstant("2026-06-01", 8, "Europe/Berlin").toISOString()).toBe(
      "2026-06-01T06:00:00.000Z",
    );
    expect(zonedHourToInstant("2026-01-15", 8, "Europe/Berlin").toISOString()).toBe(
      "2026-01-15T07:00:00.000Z",
    );
    expect(zonedHourToInstant("2026-01-15", 8, "Asia/Kolkata").toISOString()).toBe(
      "2026-01-15T02:30:00.000Z",
    );
  });

  it("moves an hour lost to spring-forward to the moment the clocks jump", () => {
    // New York, 2026-03-08: 02:00 EST becomes 03:00 EDT; there is no 02:00.
    expect(zonedHourToInstant("2026-03-08", 2, "America/New_York").toISOString()).toBe(
      "2026-03-08T07:00:00.000Z",
    );
    expect(zonedHourToInstant("2026-03-08", 3, "America/New_York").toISOString()).toBe(
      "2026-03-08T07:00:00.000Z",
    );
  });

  it("takes the first of an hour that happens twice at fall-back", () => {
    // New York, 2026-11-01: 01:00 EDT (05:00Z), then 01:00 EST (06:00Z).
    expect(zonedHourToInstant("2026-11-01", 1, "America/New_York").toISOString()).toBe(
      "2026-11-01T05:00:00.000Z",
    );
  });

  it("knows zone names", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});

describe("daily digests", () => {
  it("are due from the chosen local hour, once per local day", () => {
    const schedule = daily(8, "Europe/Berlin");
    expect(duePeriod(schedule, at("2026-06-01T05:59:00Z"), LONG_AGO)).toBeNull();
    const due = duePeriod(schedule, at("2026-06-01T06:00:00Z"), LONG_AGO);
    expect(due?.key).toBe("daily:2026-06-01");
    // Later the same local day: the same period, so the same key (never a second digest).
    expect(duePeriod(schedule, at("2026-06-01T21:59:00Z"), LONG_AGO)?.key).toBe("daily:2026-06-01");
    // Local midnight starts the next day's period, due again only at 08:00.
    expect(duePeriod(schedule, at("2026-06-01T22:30:00Z"), LONG_AGO)).toBeNull();
  });

  it("follow the zone: the same instant is a different day in Tokyo and Los Angeles", () => {
    const now = at("2026-06-01T16:00:00Z"); // 01:00 Tokyo on June 2; 09:00 Los Angeles on June 1
    expect(duePeriod(daily(8, "Asia/Tokyo"), now, LONG_AGO)).toBeNull();
    expect(duePeriod(daily(8, "America/Los_Angeles"), now, LONG_AGO)?.key).toBe("daily:2026-06-01");
    expect(duePeriod(daily(0, "Asia/Tokyo"), now, LONG_AGO)?.key).toBe("daily:2026-06-02");
  });

  it("keep the local hour across daylight saving (08:00 New York is 13:00Z in winter, 12:00Z in summer)", () => {
    const schedule = daily(8, "America/New_York");
    expect(periodAt(schedule, at("2026-03-07T20:00:00Z")).dueAt.toISOString()).toBe(
      "2026-03-07T13:00:00.000Z",
    );
    expect(periodAt(schedule, at("2026-03-08T20:00:00Z")).dueAt.toISOString()).toBe(
      "2026-03-08T12:00:00.000Z",
    );
    expect(duePeriod(schedule, at("2026-03-08T12:30:00Z"), LONG_AGO)?.key).toBe("daily:2026-03-08");
  });

  it("fire once on a day whose chosen hour does not exist", () => {
    const schedule = daily(2, "America/New_York");
    expect(duePeriod(schedule, at("2026-03-08T06:59:00Z"), LONG_AGO)).toBeNull();
    expect(duePeriod(schedule, at("2026-03-08T07:00:00Z"), LONG_AGO)?.key).toBe("daily:2026-03-08");
  });

  it("skip a period that was due before the subscription began", () => {
    const schedule = daily(8, "UTC");
    expect(duePeriod(schedule, at("2026-06-01T10:00:00Z"), at("2026-06-01T09:00:00Z"))).toBeNull();
    expect(duePeriod(schedule, at("2026-06-02T08:00:00Z"), at("2026-06-01T09:00:00Z"))?.key).toBe(
      "daily:2026-06-02",
    );
  });
});

describe("weekly digests", () => {
  it("are due on the chosen weekday and hour, keyed by the local ISO week", () => {
    const schedule = weekly(1, 8, "Asia/Tokyo"); // Mondays 08:00 Tokyo = Sunday 23:00Z
    expect(duePeriod(schedule, at("2026-03-08T22:59:00Z"), LONG_AGO)).toBeNull();
    const due = duePeriod(schedule, at("2026-03-08T23:00:00Z"), LONG_AGO);
    expect(due?.key).toBe("weekly:2026-W11");
    // All week long the key stays; the next is due the following Monday.
    expect(duePeriod(schedule, at("2026-03-14T12:00:00Z"), LONG_AGO)?.key).toBe("weekly:2026-W11");
    expect(duePeriod(schedule, at("2026-03-15T22:00:00Z"), LONG_AGO)).toBeNull();
    expect(duePeriod(schedule, at("2026-03-15T23:00:00Z"), LONG_AGO)?.key).toBe("weekly:2026-W12");
  });

  it("differ from daily digests at the same hour: one key per week, not per day", () => {
    const keys = (schedule: DigestSchedule) =>
      new Set(
        Array.from({ length: 14 * 24 }, (_, hour) => at("2026-06-01T00:30:00Z").getTime() + hour * 3_600_000)
          .map((ms) => duePeriod(schedule, new Date(ms), LONG_AGO)?.key)
          .filter((key) => key !== undefined),
      );
    expect(keys(daily(9, "Europe/Paris")).size).toBe(14);
    expect([...keys(weekly(5, 9, "Europe/Paris"))]).toEqual(["weekly:2026-W23", "weekly:2026-W24"]);
  });

  it("across the DST change keep the local hour (Sunday 10:00 Berlin)", () => {
    const schedule = weekly(7, 10, "Europe/Berlin");
    expect(periodAt(schedule, at("2026-03-22T00:00:00Z")).dueAt.toISOString()).toBe(
      "2026-03-22T09:00:00.000Z",
    );
    expect(periodAt(schedule, at("2026-03-29T00:00:00Z")).dueAt.toISOString()).toBe(
      "2026-03-29T08:00:00.000Z",
    );
  });
});

describe("the listing days a digest covers", () => {
  it("are those announced since the previous digest, without gaps or repeats", () => {
    const schedule = daily(8, "Europe/Berlin");
    const monday = listingDaysOf(periodAt(schedule, at("2026-06-08T07:00:00Z")));
    const tuesday = listingDaysOf(periodAt(schedule, at("2026-06-09T07:00:00Z")));
    // 08:00 Berlin is 02:00 New York: the latest announcement was the evening before.
    expect(monday).toEqual({ from: "2026-06-07", to: "2026-06-07" });
    expect(tuesday).toEqual({ from: "2026-06-08", to: "2026-06-08" });
  });

  it("span the week for weekly digests", () => {
    const days = listingDaysOf(periodAt(weekly(1, 8, "Asia/Tokyo"), at("2026-03-09T00:00:00Z")));
    expect(days).toEqual({ from: "2026-03-01", to: "2026-03-07" });
  });
});
