import katex from "katex";
import type { ComponentChild } from "preact";
import type { Block, Inline } from "../../core/markdown.js";

/**
 * Renders parsed comment Markdown. Text goes through preact, which escapes it; the one raw HTML is
 * KaTeX's output for math, which KaTeX builds itself from the TeX (trust off: no links, no classes,
 * no raw HTML from the input) with bounded size and macro expansion.
 */
function MathMarkup({ tex, display }: { tex: string; display: boolean }) {
  const html = katex.renderToString(tex, {
    displayMode: display,
    throwOnError: false,
    trust: false,
    strict: "ignore",
    maxSize: 20,
    maxExpand: 200,
    output: "htmlAndMathml",
  });
  return display ? (
    <div class="math-display" dangerouslySetInnerHTML={{ __html: html }} />
  ) : (
    <span dangerouslySetInnerHTML={{ __html: html }} />
  );
}

function inlinePart(part: Inline): ComponentChild {
  switch (part.kind) {
    case "text":
      return part.text;
    case "code":
      return <code>{part.text}</code>;
    case "strong":
      return <strong>{part.text}</strong>;
    case "em":
      return <em>{part.text}</em>;
    case "link":
      return (
        <a href={part.href} rel="nofollow ugc noopener">
          {part.text}
        </a>
      );
    case "math":
      return <MathMarkup tex={part.tex} display={false} />;
  }
}

function InlineContent({ parts }: { parts: Inline[] }) {
  return <>{parts.map(inlinePart)}</>;
}

function blockPart(block: Block): ComponentChild {
  switch (block.kind) {
    case "paragraph":
      return (
        <p>
          <InlineContent parts={block.content} />
        </p>
      );
    case "list":
      return (
        <ul>
          {block.items.map((item) => (
            <li>
              <InlineContent parts={item} />
            </li>
          ))}
        </ul>
      );
    case "code":
      return (
        <pre>
          <code>{block.text}</code>
        </pre>
      );
    case "math":
      return <MathMarkup tex={block.tex} display={true} />;
  }
}

export function RichText({ blocks }: { blocks: Block[] }) {
  return <>{blocks.map(blockPart)}</>;
}
