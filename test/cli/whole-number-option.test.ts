import { describe, expect, it } from "vitest";
import { wholeNumberOption } from "../../src/cli/whole-number-option.js";

describe("count options", () => {
  it("reads counts in plain digits only", () => {
    const batchSize = wholeNumberOption(1, 1_000_000);
    expect(batchSize("4000")).toBe(4000);
    for (const raw of ["1e3", "0x10", " 7", "1.5", "", "-5", "1000001", "99999999999999999999"]) {
      expect(() => batchSize(raw), raw).toThrow("expected a whole number from 1 to 1,000,000");
    }
    expect(() => wholeNumberOption(1)("0")).toThrow("expected a whole number of 1 or more");
  });
});
