import { describe, expect, it } from "vitest";
import { splitMath } from "../../src/core/math-text.js";

describe("math in titles and abstracts", () => {
  it("finds inline and display math in each of arXiv's notations", () => {
    expect(splitMath("Sorting in $O(n \\log n)$ time")).toEqual([
      { kind: "text", text: "Sorting in " },
      { kind: "math", tex: "O(n \\log n)", display: false },
      { kind: "text", text: " time" },
    ]);
    expect(splitMath("We show $$\\sum_i x_i = 1$$ holds")).toEqual([
      { kind: "text", text: "We show " },
      { kind: "math", tex: "\\sum_i x_i = 1", display: true },
      { kind: "text", text: " holds" },
    ]);
    expect(splitMath("A \\(k\\)-means and \\[E=mc^2\\]")).toEqual([
      { kind: "text", text: "A " },
      { kind: "math", tex: "k", display: false },
      { kind: "text", text: "-means and " },
      { kind: "math", tex: "E=mc^2", display: true },
    ]);
    expect(splitMath("$\\mathcal{L}_2$-regularised")).toEqual([
      { kind: "math", tex: "\\mathcal{L}_2", display: false },
      { kind: "text", text: "-regularised" },
    ]);
  });

  it("leaves prices, escaped and lone dollars as prose", () => {
    expect(splitMath("It costs $5 and $10 a month")).toEqual([
      { kind: "text", text: "It costs $5 and $10 a month" },
    ]);
    expect(splitMath("An escaped \\$ sign")).toEqual([{ kind: "text", text: "An escaped $ sign" }]);
    expect(splitMath("One $ alone")).toEqual([{ kind: "text", text: "One $ alone" }]);
    expect(splitMath("No math <b>here</b>")).toEqual([{ kind: "text", text: "No math <b>here</b>" }]);
    expect(splitMath("")).toEqual([]);
  });

  it("prints prose as TeX would: emphasis without its command, ``quotes'' and escaped specials", () => {
    expect(splitMath("(I) \\textbf{L}azy learning, \\emph {zero-shot} and \\texttt{pip}")).toEqual([
      { kind: "text", text: "(I) Lazy learning, zero-shot and pip" },
    ]);
    expect(splitMath("a ``cache'' of 5\\% \\& more_x")).toEqual([
      { kind: "text", text: "a \u201Ccache\u201D of 5% & more_x" },
    ]);
    // Math keeps its TeX: only the prose around it is read so.
    expect(splitMath("\\emph{so} $\\textbf{x}\\%$")).toEqual([
      { kind: "text", text: "so " },
      { kind: "math", tex: "\\textbf{x}\\%", display: false },
    ]);
  });
});
