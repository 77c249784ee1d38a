import { describe, expect, it } from "vitest";
import { foldAccents, foldUndecomposedLetters, openingPassage } from "../../src/core/text.js";

describe("openingPassage", () => {
  it("keeps a short text whole and cuts a long one at a word, with an ellipsis", () => {
    expect(openingPassage("short text", 20)).toBe("short text");
    expect(openingPassage("one two three four", 10)).toBe("one two…");
    expect(openingPassage("unbreakableword", 5)).toBe("unbre…");
  });
});

describe("foldAccents", () => {
  it("drops accents, on letters decomposition splits and on those it leaves whole", () => {
    expect(foldAccents("Müller Čech Ångström")).toBe("Muller Cech Angstrom");
    expect(foldAccents("Łukasz Łukasiewicz, Søren, Đorđe, Ðóra, Ħal")).toBe(
      "Lukasz Lukasiewicz, Soren, Dorde, Dora, Hal",
    );
    expect(foldAccents("Straße ẞ Ærø Œuvre Þór Guðmundsson Işık")).toBe(
      "Strasse SS AEro OEuvre THor Gudmundsson Isik",
    );
  });
});

describe("foldUndecomposedLetters", () => {
  it("spells only the letters decomposition leaves whole in base letters, keeping other accents", () => {
    expect(foldUndecomposedLetters("Łódź, Müller-Straße, Ærø")).toBe("Lódź, Müller-Strasse, AEro");
    expect(foldUndecomposedLetters("Ada Lovelace")).toBe("Ada Lovelace");
  });
});
