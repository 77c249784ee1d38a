import { describe, expect, it } from "vitest";
import { openingPassage } from "../../src/core/text.js";

describe("openingPassage", () => {
  it("keeps a short text whole and cuts a long one at a word, with an ellipsis", () => {
    expect(openingPassage("short text", 20)).toBe("short text");
    expect(openingPassage("one two three four", 10)).toBe("one two…");
    expect(openingPassage("unbreakableword", 5)).toBe("unbre…");
  });
});
