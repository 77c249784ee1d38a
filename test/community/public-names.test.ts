import { describe, expect, it } from "vitest";
import { parsePublicName, publicNameKey, shownName } from "../../src/community/public-names.js";

describe("public names", () => {
  it("fold to one key however they are spelled", () => {
    const key = publicNameKey("Ada Lovelace");
    for (const spelling of [
      "ada lovelace",
      "ADA.LOVELACE",
      "ada_lovelace",
      "Adá Lovelace",
      "Ａｄａ Lovelace",
    ]) {
      expect(publicNameKey(spelling), spelling).toBe(key);
    }
    expect(publicNameKey("Łukasz")).toBe("lukasz");
  });

  it("are trimmed, spaces collapsed; empty means none", () => {
    expect(parsePublicName("  Ada \t Lovelace ")).toEqual({ name: "Ada Lovelace", key: "adalovelace" });
    expect(parsePublicName("O'Brien-Smith")?.name).toBe("O'Brien-Smith");
    expect(parsePublicName("数学者")?.name).toBe("数学者");
    expect(parsePublicName("   ")).toBeNull();
  });

  it("keep to one of the alphabets whose letters pass for one another", () => {
    // A Cyrillic "а" in a Latin name, a Greek "ο" in "admin": each would pass for the other name.
    expect(() => parsePublicName("Ada Lovel\u0430ce")).toThrow(
      "A public name keeps to one alphabet: this one mixes Latin and Cyrillic letters",
    );
    expect(() => parsePublicName("Staff m\u03bfderator")).toThrow("mixes Latin and Greek letters");
    expect(parsePublicName("Пётр Чайковский")?.name).toBe("Пётр Чайковский");
    expect(parsePublicName("Αλέξανδρος")?.name).toBe("Αλέξανδρος");
    // Other scripts beside Latin letters are names people have, not look-alikes.
    expect(parsePublicName("Wei 李")?.name).toBe("Wei 李");
  });

  it("give each account a stable pseudonym until one is chosen", () => {
    expect(shownName("user-1", null)).toMatch(/^reader-[0-9a-f]{6}$/);
    expect(shownName("user-1", null)).toBe(shownName("user-1", null));
    expect(shownName("user-1", null)).not.toBe(shownName("user-2", null));
    expect(shownName("user-1", "Ada")).toBe("Ada");
  });
});
