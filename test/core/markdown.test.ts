import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown } from "../../src/core/markdown.js";

describe("comment Markdown subset", () => {
  it("parses inline code, math, emphasis and http(s) links, leaving the rest as text", () => {
    expect(parseInline("a `x<y` b $e^{i\\pi}$ **bold** *it* [arXiv](https://arxiv.org/abs/1) end")).toEqual([
      { kind: "text", text: "a " },
      { kind: "code", text: "x<y" },
      { kind: "text", text: " b " },
      { kind: "math", tex: "e^{i\\pi}" },
      { kind: "text", text: " " },
      { kind: "strong", text: "bold" },
      { kind: "text", text: " " },
      { kind: "em", text: "it" },
      { kind: "text", text: " " },
      { kind: "link", text: "arXiv", href: "https://arxiv.org/abs/1" },
      { kind: "text", text: " end" },
    ]);
  });

  it("keeps javascript: links and raw HTML as plain text", () => {
    expect(parseInline("[x](javascript:alert(1)) <b>hi</b>")).toEqual([
      { kind: "text", text: "[x](javascript:alert(1)) <b>hi</b>" },
    ]);
  });

  it("splits paragraphs, lists, code blocks and display math", () => {
    const blocks = parseMarkdown(
      "First line\nsame paragraph\n\n- one\n- two\n```\n<code>\n```\n$$ \\sum_i x_i $$\nlast",
    );
    expect(blocks).toEqual([
      { kind: "paragraph", content: [{ kind: "text", text: "First line same paragraph" }] },
      { kind: "list", items: [[{ kind: "text", text: "one" }], [{ kind: "text", text: "two" }]] },
      { kind: "code", text: "<code>" },
      { kind: "math", tex: "\\sum_i x_i" },
      { kind: "paragraph", content: [{ kind: "text", text: "last" }] },
    ]);
    expect(parseMarkdown("  \n\n")).toEqual([]);
  });
});
