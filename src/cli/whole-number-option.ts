import { InvalidArgumentError } from "commander";
import { formatCount } from "./format-numbers.js";

/**
 * Parses a count option written in plain digits, within bounds. Number() alone would also take "1e3",
 * "0x10" and " 7", which no one means as a count.
 */
export function wholeNumberOption(min: number, max?: number): (raw: string) => number {
  const expected =
    max === undefined
      ? `expected a whole number of ${formatCount(min)} or more`
      : `expected a whole number from ${formatCount(min)} to ${formatCount(max)}`;
  return (raw) => {
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || (max !== undefined && value > max)) {
      throw new InvalidArgumentError(expected);
    }
    return value;
  };
}
