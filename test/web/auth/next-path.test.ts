import { describe, expect, it } from "vitest";
import { safeNextPath } from "../../../src/web/auth/next-path.js";

describe("safeNextPath", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeNextPath("/me")).toBe("/me");
    expect(safeNextPath("/search?q=graphs&sort=date#results")).toBe("/search?q=graphs&sort=date#results");
  });

  it("sends every way off-site, and anything unreadable, to the home page", () => {
    for (const raw of [
      undefined,
      "",
      "me",
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "\t//evil.example",
      `/${"a".repeat(500)}`,
    ]) {
      expect(safeNextPath(raw), JSON.stringify(raw)).toBe("/");
    }
  });

  it("gives back what a Location header can carry: control characters and other scripts encoded", () => {
    expect(safeNextPath("/\u000b/evil.example")).toBe("/%0B/evil.example");
    expect(safeNextPath("/search?q=Łukasz")).toBe("/search?q=%C5%81ukasz");
  });
});
