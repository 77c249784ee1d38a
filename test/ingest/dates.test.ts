import { afterEach, describe, expect, it, vi } from "vitest";
import { canonicalIso, requireDay } from "../../src/ingest/dates.js";
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
});
