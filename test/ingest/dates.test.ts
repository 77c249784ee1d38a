import { afterEach, describe, expect, it, vi } from "vitest";
import { canonicalIso, isoFromRfc2822, requireDay } from "../../src/ingest/dates.js";
import { LineRejected } from "../../src/ingest/record-fields.js";

describe("source dates", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("accepts days up to tomorrow (UTC) and rejects later ones, as the clock moves either way", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-03-10T23:59:59Z"));
    expect(requireDay("2026-03-11", "listing day")).toBe("2026-03-11");
    expect(() => requireDay("2026-03-12", "listing day")).toThrow(LineRejected);

    vi.setSystemTime(new Date("2026-03-11T00:00:00Z"));
    expect(requireDay("2026-03-12", "listing day")).toBe("2026-03-12");
    expect(canonicalIso("2026-03-12T10:00:00Z", "published")).toBe("2026-03-12T10:00:00.000Z");

    vi.setSystemTime(new Date("2026-03-09T12:00:00Z"));
    expect(() => requireDay("2026-03-11", "listing day")).toThrow(/in the future/);
    expect(() => canonicalIso("2026-03-11T00:00:00Z", "published")).toThrow(/in the future/);
  });

  it("rejects days that do not exist", () => {
    expect(() => requireDay("2025-02-29", "listing day")).toThrow(/not a YYYY-MM-DD day/);
    expect(() => requireDay("2025-04-31", "listing day")).toThrow(/not a YYYY-MM-DD day/);
    expect(requireDay("2024-02-29", "listing day")).toBe("2024-02-29");
  });

  it("rejects instants on days that do not exist instead of rolling them into the next month", () => {
    expect(() => canonicalIso("2025-02-30T00:00:00Z", "published")).toThrow(/not an ISO-8601 UTC instant/);
    expect(() => isoFromRfc2822("Sun, 30 Feb 2025 10:00:00 GMT", "v1 date")).toThrow(/not a real day/);
    expect(canonicalIso("2024-02-29T12:00:00Z", "published")).toBe("2024-02-29T12:00:00.000Z");
    expect(isoFromRfc2822("Mon, 2 Apr 2007 19:18:42 GMT", "v1 date")).toBe("2007-04-02T19:18:42.000Z");
  });
});
